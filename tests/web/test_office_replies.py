"""The office's Replies page: what link holders sent instead of signing, answered once each."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from portal.store.audit import verify
from portal.store.models import (
    AuditEvent,
    Invitation,
    Person,
    SignResponse,
)
from portal.usecases import responses
from portal.usecases.invitations import read_token
from portal.usecases.responses import ResponseKind, respond
from tests.conftest import make_settings
from tests.mailpeer import text_of
from tests.web.office_support import client_for, csrf, make_office_user, sign_in
from tests.web.sign_support import Family, family, sign_client, sign_form, staff_invitation


async def _reply(
    settings, fam: Family | int, kind: ResponseKind, message: str = ""
) -> SignResponse:
    invitation_id = fam if isinstance(fam, int) else fam.invitation.id
    await respond(
        settings,
        invitation_id,
        kind,
        message,
        ip="203.0.113.7",
        user_agent="TestPhone/1.0",
        now=datetime.now(UTC),
    )
    return await SignResponse.filter(invitation_id=invitation_id).order_by("-id").first()


async def test_waiting_replies_show_who_about_what_and_their_words(db, settings):
    jane = await family(settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    await _reply(settings, jane, ResponseKind.QUESTION, "Does this cover <b>WhatsApp</b>?")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        page = await client.get("/office/clearwell/replies")
    assert page.status_code == 200
    assert "Waiting for an answer (1)" in page.text
    assert "until then the campaign sends them no reminders" in page.text
    assert "Jane Smith" in page.text and "Question" in page.text
    assert "for Amy Smith (Year 4), Ben Smith (Year 1)" in page.text
    assert "mailto:jane@home.example" in page.text
    # A parent's words are shown as text, never as markup.
    assert "Does this cover &lt;b&gt;WhatsApp&lt;/b&gt;?" in page.text
    assert page.headers["cache-control"] == "no-store"


async def test_marking_answered_moves_the_reply_and_records_who(db, settings):
    fam = await family(settings)
    reply = await _reply(settings, fam, ResponseKind.DISAGREE)
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        token = csrf((await client.get("/office/clearwell/replies")).text)
        done = await client.post(
            f"/office/clearwell/replies/{reply.id}/answered", data={"csrf": token}
        )
        assert done.status_code == 303
        again = await client.post(
            f"/office/clearwell/replies/{reply.id}/answered", data={"csrf": token}
        )
        assert again.status_code == 303  # a second click (or a colleague) changes nothing
        after = await client.get(done.headers["location"])
    assert "The reply is marked as answered." in after.text
    assert "No replies are waiting." in after.text
    assert "Answered recently" in after.text and "by office@clearwell.example" in after.text
    assert (await SignResponse.get(id=reply.id)).resolved_at is not None
    [event] = await AuditEvent.filter(action="response.answered")
    assert event.actor == "office@clearwell.example"
    assert event.subject == f"invitation:{fam.invitation.id}"
    assert event.data["response_id"] == reply.id
    assert (await verify("clearwell"))[1] is None


async def test_not_me_says_how_to_reach_the_right_person(db, settings):
    fam = await family(settings)
    await _reply(settings, fam, ResponseKind.NOT_ME, "Wrong Jane")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        page = await client.get("/office/clearwell/replies")
    assert "Not me" in page.text and "Wrong Jane" in page.text
    assert "Put the right address in the roster" in page.text


async def test_another_schools_reply_can_be_neither_seen_nor_answered(db, settings):
    await family(settings)
    other = (await staff_invitation("stockham", "Quentin Other")).id
    reply = await _reply(settings, other, ResponseKind.QUESTION, "Stockham question")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        own = await client.get("/office/clearwell/replies")
        token = csrf(own.text)
        foreign = await client.get("/office/stockham/replies")
        through_own = await client.post(
            f"/office/clearwell/replies/{reply.id}/answered", data={"csrf": token}
        )
        through_theirs = await client.post(
            f"/office/stockham/replies/{reply.id}/answered", data={"csrf": token}
        )
    assert "Quentin Other" not in own.text and "Stockham question" not in own.text
    assert foreign.status_code == through_own.status_code == through_theirs.status_code == 404
    assert (await SignResponse.get(id=reply.id)).resolved_at is None
    assert not await AuditEvent.filter(action="response.answered").exists()


async def test_school_page_counts_what_needs_doing(db, settings):
    fam = await family(settings)
    await _reply(settings, fam, ResponseKind.QUESTION, "One")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        home = await client.get("/office/clearwell/")
    assert home.status_code == 200
    assert "1 reply is waiting for an answer." in home.text
    assert "Parents&#39; Social Media Pledge</a>: 0% of 1 pupils covered, 1 still to sign." in (
        home.text
    )
    assert "No campaign is sending reminders." in home.text


async def test_after_not_me_the_office_sends_a_new_link_to_the_right_address(
    db, mail_settings, mail_peer
):
    fam = await family(mail_settings)
    reply = await _reply(mail_settings, fam, ResponseKind.NOT_ME, "Wrong Jane")
    # The office corrects the roster (as a re-import would).
    await Person.filter(id=fam.parent.id).update(email="jane.smith@right.example")
    user = await make_office_user()
    async with client_for(mail_settings) as client:
        await sign_in(client, user)
        token = csrf((await client.get("/office/clearwell/replies")).text)
        sent = await client.post(
            f"/office/clearwell/replies/{reply.id}/new-link", data={"csrf": token}
        )
        page = await client.get(sent.headers["location"])
    assert "A new link was emailed to Jane Smith." in page.text
    [message] = await mail_peer.wait_for(1)
    assert message["To"] == "jane.smith@right.example"
    fresh = await Invitation.filter(person_id=fam.parent.id).order_by("-id").first()
    assert fresh.id != fam.invitation.id and fresh.revoked_at is None
    # The token carries the second it was made, so compare what it names, not its text.
    [token] = re.findall(r"/sign/([^\s/]+)", text_of(message))
    assert read_token(mail_settings, token) == fresh.id


async def test_without_a_mail_server_no_new_link_is_sent(db, settings):
    fam = await family(settings)
    reply = await _reply(settings, fam, ResponseKind.QUESTION, "Sorted now")
    user = await make_office_user()
    async with client_for(settings) as client:  # no SIGNOFF_SMTP_URL here
        await sign_in(client, user)
        token = csrf((await client.get("/office/clearwell/replies")).text)
        url = f"/office/clearwell/replies/{reply.id}/new-link"
        sent = await client.post(url, data={"csrf": token})
        page = await client.get(sent.headers["location"])
    assert "Signoff cannot send email here" in page.text
    assert await Invitation.filter(person_id=fam.parent.id).count() == 1


async def test_no_new_link_for_someone_who_has_signed_since(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    reply = await _reply(mail_settings, fam, ResponseKind.QUESTION, "Sorted now")
    async with sign_client(mail_settings) as parent:
        form = await parent.get(fam.url)
        await parent.post(fam.url, data=sign_form(form.text))
    outcome = await responses.send_new_link(
        mail_settings, fam.school, reply.id, "office@clearwell.example", datetime.now(UTC)
    )
    assert outcome is responses.NewLink.SIGNED
    assert await Invitation.filter(person_id=fam.parent.id).count() == 1


async def test_school_page_says_who_is_due_to_renew(db, tmp_path):
    # With a year's notice, a signature made today is already due to renew.
    settings = make_settings(tmp_path, SIGNOFF_DUE_SOON_DAYS="365")
    fam = await family(settings)
    async with sign_client(settings) as parent:
        form = await parent.get(fam.url)
        await parent.post(fam.url, data=sign_form(form.text))
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        home = await client.get("/office/clearwell/")
    assert "100% of 1 pupils covered, 1 due to renew soon" in home.text
