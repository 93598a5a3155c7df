""" "Email me a new link": a fresh link to the address on file, for what is still unsigned."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from portal.store.models import Acknowledgement, AgreementVersion, AuditEvent, Invitation, Person
from portal.usecases import new_links, receipts
from portal.usecases.invitations import resend, revoke
from tests.factories import publish_reworded
from tests.mailpeer import text_of
from tests.web.sign_support import PLEDGE, family, hidden, sign_client, sign_form

SENT = "Check your email"


async def _ask(client, email: str):
    form = await client.get("/sign/new-link")
    assert form.status_code == 200
    return await client.post(
        "/sign/new-link", data={"csrf": hidden(form.text, "csrf"), "email": email}
    )


def _link(message) -> str:
    match = re.search(r"http://\S+(/sign/[^\s/]+)", text_of(message))
    assert match, "no sign link in the email"
    return match.group(1)


async def test_an_expired_link_offers_a_new_one_that_works(db, mail_settings, mail_peer):
    fam = await family(mail_settings, expires_in=timedelta(seconds=-1))
    async with sign_client(mail_settings) as client:
        expired = await client.get(fam.url)
        assert expired.status_code == 410 and 'href="/sign/new-link"' in expired.text
        # Typed as people type it: spaces around, capitals.
        answer = await _ask(client, "  Jane@Home.Example ")
        assert answer.status_code == 200 and SENT in answer.text
        [message] = await mail_peer.wait_for(1)
        assert message["To"] == "jane@home.example"
        fresh = await client.get(_link(message))
        assert fresh.status_code == 200 and 'name="agree"' in fresh.text
        signed = await client.post(_link(message), data=sign_form(fresh.text))
        assert signed.status_code == 303
        old = await client.get(fam.url)
    assert old.status_code == 200 and "Signed" in old.text  # every link shows the receipt now
    new = await Invitation.filter(person_id=fam.parent.id).order_by("-id").first()
    assert new.created_by == new_links.ACTOR and new.id != fam.invitation.id
    assert await AuditEvent.filter(action="invitation.created", actor=new_links.ACTOR).exists()


async def test_a_live_link_asked_for_again_is_replaced(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    async with sign_client(mail_settings) as client:
        await _ask(client, "jane@home.example")
        [message] = await mail_peer.wait_for(1)
        old = await client.get(fam.url)
        fresh = await client.get(_link(message))
    assert old.status_code == 410 and "has been replaced" in old.text
    assert 'href="/sign/new-link"' in old.text
    assert fresh.status_code == 200


async def test_the_answer_never_says_whether_an_address_is_known(db, mail_settings, mail_peer):
    await family(mail_settings)
    async with sign_client(mail_settings) as client:
        known = await _ask(client, "jane@home.example")
        unknown = await _ask(client, "nobody@home.example")
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace("jane@home.example", "X") == unknown.text.replace(
        "nobody@home.example", "X"
    )
    assert [m["To"] for m in await mail_peer.wait_for(1)] == ["jane@home.example"]


async def test_nothing_is_sent_for_what_is_signed_or_withdrawn(db, mail_settings, mail_peer):
    signed = await family(mail_settings, parent="Sam Signed", email="sam@home.example")
    stopped = await family(mail_settings, parent="Nora Notme", email="nora@home.example")
    async with sign_client(mail_settings) as client:
        page = await client.get(signed.url)
        await client.post(signed.url, data=sign_form(page.text, name="Sam Signed"))
        await revoke(stopped.invitation.id, "not-me", "link holder")
        await _ask(client, "sam@home.example")
        await _ask(client, "nora@home.example")
    await receipts.drain()
    # Sam's receipt is the only email: no new links.
    assert [m["Subject"][:7] for m in mail_peer.messages] == ["Signed:"]
    assert not await Invitation.filter(created_by=new_links.ACTOR).exists()


async def test_a_link_to_a_version_since_changed_asks_for_the_new_one(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    async with sign_client(mail_settings) as client:
        form = await client.get(fam.url)  # opened before the change, signed after it
        await publish_reworded("clearwell", PLEDGE, "duty of care", "duty of care and respect")
        late = await client.post(fam.url, data=sign_form(form.text))
        again = await client.get(fam.url)
        await _ask(client, "jane@home.example")
        [message] = await mail_peer.wait_for(1)
        fresh = await client.get(_link(message))
        signed = await client.post(_link(message), data=sign_form(fresh.text))
    assert late.status_code == again.status_code == 410
    assert "This agreement has changed" in again.text and 'href="/sign/new-link"' in again.text
    assert "Amy Smith" not in again.text  # a problem page names nobody
    assert "duty of care and respect" in fresh.text and signed.status_code == 303
    new = await AgreementVersion.filter(agreement_id=fam.version.agreement_id, label="2099-01")
    [ack] = await Acknowledgement.filter(person_id=fam.parent.id)
    assert ack.version_id == new[0].id  # nothing was signed through the old link
    old = await Invitation.get(id=fam.invitation.id)
    assert old.revoked_reason == "replaced"


async def test_a_minor_change_leaves_the_link_working_and_renews_it_for_the_new_text(
    db, mail_settings, mail_peer
):
    live = await family(mail_settings)
    ran_out = await family(
        mail_settings, parent="Olga Old", email="olga@home.example", expires_in=timedelta(0)
    )
    await publish_reworded(
        "clearwell", PLEDGE, "duty of care", "duty of care and respect", material=False
    )
    async with sign_client(mail_settings) as client:
        page = await client.get(live.url)  # a signature of the old text still counts
        assert page.status_code == 200 and 'name="agree"' in page.text
        await _ask(client, "olga@home.example")
        [message] = await mail_peer.wait_for(1, to="olga@home.example")
        fresh = await client.get(_link(message))
    assert "duty of care and respect" in fresh.text
    assert (await Invitation.get(id=ran_out.invitation.id)).revoked_reason == "replaced"


async def test_the_office_resends_for_the_version_in_force_and_not_to_who_has_signed_it(
    db, mail_settings, mail_peer
):
    fam = await family(mail_settings)
    await publish_reworded("clearwell", PLEDGE, "duty of care", "duty of care and respect")
    first = await resend(mail_settings, fam.invitation.id, "office@clearwell.example")
    assert first.version == "2099-01" and [s.id for s in first.sent] == [fam.parent.id]
    [message] = await mail_peer.wait_for(1)
    async with sign_client(mail_settings) as client:
        page = await client.get(_link(message))
        await client.post(_link(message), data=sign_form(page.text))
    again = await resend(mail_settings, fam.invitation.id, "office@clearwell.example")
    assert again.already_signed == 1 and not again.sent


async def test_one_email_a_quarter_of_an_hour_per_person(db, mail_settings, mail_peer):
    await family(mail_settings)
    now = _now()
    assert await new_links.send_new_links(mail_settings, "jane@home.example", now) == 1
    assert await new_links.send_new_links(mail_settings, "jane@home.example", now) == 0
    later = now + new_links.WAIT + timedelta(seconds=1)
    await Invitation.filter(created_by=new_links.ACTOR).update(created_at=now)
    assert await new_links.send_new_links(mail_settings, "jane@home.example", later) == 1
    assert len(await mail_peer.wait_for(2)) == 2


async def test_a_leaver_gets_nothing(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    await Person.filter(id=fam.parent.id).update(left_at=_now())
    assert await new_links.send_new_links(mail_settings, "jane@home.example", _now()) == 0


async def test_bad_input_is_shown_beside_the_field_and_kept(db, mail_settings):
    async with sign_client(mail_settings) as client:
        empty = await _ask(client, "  ")
        wrong = await _ask(client, "jane at home")
        forged = await client.post(
            "/sign/new-link", data={"csrf": "forged", "email": "jane@home.example"}
        )
    assert empty.status_code == 422 and "Enter your email address" in empty.text
    assert wrong.status_code == 422 and 'value="jane at home"' in wrong.text
    assert "like name@example.com" in wrong.text and 'href="#email"' in wrong.text
    assert forged.status_code == 403 and "timed out" in forged.text
    assert forged.headers["referrer-policy"] == "no-referrer"
    assert forged.headers["cache-control"] == "no-store"


async def test_without_a_mail_server_the_page_says_to_ask_the_office(db, settings):
    fam = await family(settings, expires_in=timedelta(seconds=-1))
    async with sign_client(settings) as client:
        expired = await client.get(fam.url)
        page = await client.get("/sign/new-link")
    assert 'href="/sign/new-link"' not in expired.text
    assert "cannot be sent from here" in page.text and 'name="email"' not in page.text


def _now() -> datetime:
    return datetime.now(UTC)


async def test_one_client_asking_again_and_again_is_stopped(db, mail_settings, mail_peer):
    async with sign_client(mail_settings) as client:
        answers = [await _ask(client, f"someone{n}@home.example") for n in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert "Too many requests for new links" in answers[-1].text
