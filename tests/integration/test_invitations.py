from datetime import UTC, datetime, timedelta

from portal.store.models import AuditEvent, Delivery, Invitation
from portal.usecases.invitations import invite, read_token
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds
from tests.mailpeer import text_of

PLEDGE = "parents-social-media-pledge"


async def _family(school):
    amy = await make_pupil(school, "Amy Smith", "Year 4", "4B")
    ben = await make_pupil(school, "Ben Smith", "Year 1", "1A")
    jane = await make_parent(school, amy, ben, name="Jane Smith", email="jane@home.example")
    return amy, ben, jane


async def test_invite_emails_each_parent_once_with_one_connection(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    amy, ben, _jane = await _family(school)
    await make_parent(school, amy, name="John Smith", email="john@home.example")
    report = await invite(mail_settings, "clearwell", PLEDGE)
    assert sorted(s.full_name for s in report.sent) == ["Jane Smith", "John Smith"]
    await mail_peer.wait_for(2)
    assert mail_peer.sessions == 1
    body = text_of(mail_peer.to("jane@home.example")[0])
    assert (
        "Amy Smith (Year 4) and Ben Smith (Year 1)" in body or "Ben Smith (Year 1) and Amy" in body
    )
    link = next(w for w in body.split() if "/sign/" in w)
    invitation = await Invitation.get(id=read_token(mail_settings, link.rsplit("/", 1)[1]))
    assert sorted(invitation.pupil_ids) == sorted([amy.id, ben.id])

    again = await invite(mail_settings, "clearwell", PLEDGE)
    assert (again.sent, again.created, again.reused) == ([], 0, 2)
    assert len(again.already_sent) == 2
    assert len(mail_peer.messages) == 2
    assert await Invitation.all().count() == 2
    assert await Delivery.filter(status="sent").count() == 2
    assert await AuditEvent.filter(action="invitation.sent").count() == 2


async def test_no_address_and_refusal_are_reported(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    amy = await make_pupil(school, "Amy Smith")
    await make_parent(school, amy, name="No Mail", email=None)
    await make_parent(school, amy, name="Bounced", email="bounce@home.example")
    mail_peer.refuse("bounce@home.example")
    report = await invite(mail_settings, "clearwell", PLEDGE)
    reasons = {f.signer.full_name: f.reason for f in report.failed}
    assert "paper" in reasons["No Mail"]
    assert "550" in reasons["Bounced"]
    assert await Delivery.filter(status="failed").count() == 1


async def test_resend_revokes_the_old_link(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await _family(school)
    await invite(mail_settings, "clearwell", PLEDGE)
    report = await invite(mail_settings, "clearwell", PLEDGE, resend=True)
    assert len(report.sent) == 1 and report.created == 1
    old, new = await Invitation.all().order_by("id")
    assert (old.revoked_reason, old.replaced_by_id) == ("replaced", new.id)
    assert new.revoked_at is None
    actions = (
        await AuditEvent.filter(chain="clearwell").order_by("seq").values_list("action", flat=True)
    )
    assert "invitation.revoked" in actions and "invitation.resent" in actions
    await mail_peer.wait_for(2)


async def test_year_group_scope_and_staff(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await _family(school)
    cara = await make_pupil(school, "Cara Jones", "Year 6", "6C")
    await make_parent(school, cara, name="Dee Jones", email="dee@home.example")
    report = await invite(mail_settings, "clearwell", PLEDGE, scope_year("Year 6"))
    assert [s.full_name for s in report.sent] == ["Dee Jones"]
    await make_staff(school, "Sam Teacher", email="sam@clearwell.example")
    staff = await invite(mail_settings, "clearwell", "staff-social-media")
    assert [s.full_name for s in staff.sent] == ["Sam Teacher"]


def scope_year(year):
    from portal.usecases.obligations import Scope

    return Scope(year_group=year)


async def test_expired_invitation_is_not_reused(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    await _family(school)
    await invite(mail_settings, "clearwell", PLEDGE, now=datetime.now(UTC) - timedelta(days=40))
    report = await invite(mail_settings, "clearwell", PLEDGE)
    assert report.created == 1 and report.reused == 0


async def test_a_year_group_or_class_is_read_as_the_roster_writes_it(db, mail_settings, mail_peer):
    from portal.usecases.obligations import Scope

    await publish_seeds()
    school = await make_school("clearwell")
    await _family(school)
    by_number = await invite(mail_settings, "clearwell", PLEDGE, Scope(year_group="4"))
    assert [s.full_name for s in by_number.sent] == ["Jane Smith"]
    by_class = await invite(mail_settings, "clearwell", PLEDGE, Scope(form="4b"), resend=True)
    assert [s.full_name for s in by_class.sent] == ["Jane Smith"]
    await mail_peer.wait_for(2)


async def test_a_year_group_or_class_with_no_pupils_is_refused_not_sent_to_nobody(
    db, mail_settings, mail_peer
):
    from portal.usecases.invitations import InviteError
    from portal.usecases.obligations import Scope

    await publish_seeds()
    school = await make_school("clearwell")
    await _family(school)
    refusals = {}
    for scope in (Scope(year_group="Year 42"), Scope(year_group="Year 9"), Scope(form="9Z")):
        try:
            await invite(mail_settings, "clearwell", PLEDGE, scope)
        except InviteError as exc:
            refusals[scope] = str(exc)
    assert '"Year 42" is not a year group' in refusals[Scope(year_group="Year 42")]
    assert (
        "no current pupils in Year 9 (year groups: Year 1, Year 4)"
        in refusals[Scope(year_group="Year 9")]
    )
    assert 'no current pupils in class "9Z" (classes: 1A, 4B)' in refusals[Scope(form="9Z")]
    assert await Invitation.all().count() == 0
    assert mail_peer.messages == []
