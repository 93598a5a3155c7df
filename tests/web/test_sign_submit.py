import asyncio
import re

from portal.store import audit
from portal.store.models import Acknowledgement, AuditEvent, Delivery
from portal.usecases import receipts
from portal.usecases.invitations import link_token, read_token
from portal.web.sign.forms import FormTokens
from tests.conftest import make_settings
from tests.mailpeer import text_of
from tests.web.sign_support import family, hidden, sign_client, sign_form


async def test_signing_records_one_acknowledgement_per_child_then_shows_the_receipt(db, settings):
    fam = await family(settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        response = await client.post(fam.url, data=sign_form(page.text, "Jane  Smith "))
        assert response.status_code == 303 and response.headers["location"] == fam.url
        assert response.headers["cache-control"] == "no-store"
        receipt = await client.get(fam.url)
    assert receipt.status_code == 200
    assert "Signed – thank you" in receipt.text and 'name="csrf"' not in receipt.text
    assert fam.version.sha256 in receipt.text
    acks = await Acknowledgement.filter(person_id=fam.parent.id).order_by("subject_key")
    assert sorted(a.subject_key for a in acks) == sorted(str(p.id) for p in fam.pupils)
    for ack in acks:
        assert ack.version_sha256 == fam.version.sha256
        assert (ack.typed_name, ack.channel, ack.assurance) == (
            "Jane  Smith",
            "email-link",
            "email-link",
        )
        assert (ack.ip, ack.user_agent, ack.invitation_id) == (
            "203.0.113.7",
            "TestPhone/1.0",
            fam.invitation.id,
        )
        assert ack.signed_at.utcoffset().total_seconds() == 0
        assert ack.evidence["statement"].startswith("I have read the Clearwell School")
    signed = await AuditEvent.get(action="agreement.signed")
    assert signed.subject == f"invitation:{fam.invitation.id}"
    assert sorted(signed.data["acknowledgement_ids"]) == sorted(a.id for a in acks)


async def test_missing_name_and_unticked_box_are_shown_next_to_the_fields(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        response = await client.post(fam.url, data=sign_form(page.text, "", agree=False))
        assert response.status_code == 422
        html = response.text
        assert re.search(
            r'id="name"[^>]*aria-describedby="name-hint name-error"[^>]*aria-invalid="true"', html
        )
        assert 'id="name-error"' in html and "Enter your full name" in html
        assert re.search(r'id="agree"[^>]*aria-invalid="true" aria-describedby="agree-error"', html)
        assert "Tick the box to confirm you agree" in html
        assert html.index("There is a problem") < html.index("<h1>")
        kept = await client.post(fam.url, data=sign_form(page.text, "Jane Smith", agree=False))
        assert kept.status_code == 422
        assert 'value="Jane Smith"' in kept.text and "Enter your full name" not in kept.text
        ticked = await client.post(fam.url, data=sign_form(page.text, "", agree=True))
        assert re.search(r'id="agree"[^>]*checked', ticked.text)
    assert await Acknowledgement.all().count() == 0


async def test_csrf_token_is_required_and_bound_to_the_invitation(db, settings):
    fam = await family(settings)
    other = await family(
        settings,
        parent="Joe Bloggs",
        email="joe@home.example",
        children=(("Kim Bloggs", "Year 2"),),
    )
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        other_page = await client.get(other.url)
        missing = {k: v for k, v in sign_form(page.text).items() if k != "csrf"}
        forged = {**sign_form(page.text), "csrf": "forged"}
        borrowed = {**sign_form(page.text), "csrf": hidden(other_page.text, "csrf")}
        for data in (missing, forged, borrowed):
            response = await client.post(fam.url, data=data)
            assert response.status_code == 403
            assert "form timed out" in response.text and 'value="Jane Smith"' in response.text
    assert await Acknowledgement.all().count() == 0


async def test_concurrent_submits_make_exactly_one_acknowledgement_per_child(db, settings):
    fam = await family(settings, children=(("Amy Smith", "Year 4"), ("Ben Smith", "Year 1")))
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        data = sign_form(page.text)
        responses = await asyncio.gather(*(client.post(fam.url, data=data) for _ in range(300)))
    assert {r.status_code for r in responses} == {303}
    assert await Acknowledgement.filter(person_id=fam.parent.id).count() == 2
    assert await AuditEvent.filter(action="agreement.signed").count() == 1
    assert await audit.verify("clearwell") == (
        await AuditEvent.filter(chain="clearwell").count(),
        None,
    )


async def test_tampered_text_hash_is_refused(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        response = await client.post(fam.url, data={**sign_form(page.text), "sha256": "0" * 64})
    assert response.status_code == 409
    assert await Acknowledgement.all().count() == 0


async def test_certificate_pdf(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        before = await client.get(fam.url + "/certificate.pdf")
        assert before.status_code == 303  # nothing signed yet: back to the form
        page = await client.get(fam.url)
        await client.post(fam.url, data=sign_form(page.text))
        pdf = await client.get(fam.url + "/certificate.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert fam.version.sha256.encode() in pdf.content  # in the document's keywords
    assert "attachment" in pdf.headers["content-disposition"]


async def test_receipt_email_after_signing(db, mail_settings, mail_peer):
    fam = await family(mail_settings)
    async with sign_client(mail_settings) as client:
        page = await client.get(fam.url)
        await client.post(fam.url, data=sign_form(page.text))
        [message] = await mail_peer.wait_for(1)
        assert message["To"] == "jane@home.example"
        body = text_of(message)
        assert fam.version.sha256 in body and "Amy Smith (Year 4)" in body
        # The receipt mints its own link (the signing request's token is not kept), so it is
        # checked by what it opens: this invitation's certificate.
        link = re.search(r"(\S+)/sign/([^/\s]+)/certificate\.pdf", body)
        assert link and link.group(1) == mail_settings.base_url
        assert read_token(mail_settings, link.group(2)) == fam.invitation.id
        pdf = await client.get(f"/sign/{link.group(2)}/certificate.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "<strong>Parents&#39; Social Media Pledge</strong>" in text_of(message, "html")
    await receipts.drain()
    assert await Delivery.filter(purpose="receipt", status="sent").count() == 1


async def test_audit_verify_detects_tampering_with_a_signature(db, settings):
    fam = await family(settings)
    async with sign_client(settings) as client:
        page = await client.get(fam.url)
        await client.post(fam.url, data=sign_form(page.text))
    count, problem = await audit.verify("clearwell")
    assert problem is None and count >= 3
    signed = await AuditEvent.get(action="agreement.signed")
    forged = {**signed.data, "typed_name": "Someone Else"}
    await AuditEvent.filter(id=signed.id).update(data=forged)
    _, problem = await audit.verify("clearwell")
    assert problem is not None and problem.seq == signed.seq


def test_link_token_is_url_safe():
    from pathlib import Path

    from tests.conftest import make_settings

    token = link_token(make_settings(Path("/tmp")), 12345)
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", token)


async def test_a_form_opened_before_a_key_rotation_still_signs_until_the_old_key_is_dropped(
    db, tmp_path
):
    old_key, new_key = "the-old-key-" + "o" * 40, "the-new-key-" + "n" * 40
    before = make_settings(tmp_path, SIGNOFF_SECRET_KEY=old_key)
    rotated = make_settings(
        tmp_path, SIGNOFF_SECRET_KEY=new_key, SIGNOFF_SECRET_KEY_PREVIOUS=old_key
    )
    dropped = make_settings(tmp_path, SIGNOFF_SECRET_KEY=new_key)
    fam = await family(before)
    async with sign_client(before) as client:
        opened_before = sign_form((await client.get(fam.url)).text)

    # With the old key gone, the form is refused as a timed-out one (on a link it still opens).
    async with sign_client(dropped) as client:
        link_now = f"/sign/{link_token(dropped, fam.invitation.id)}"
        refused = await client.post(link_now, data=opened_before)
        assert refused.status_code == 403 and "form timed out" in refused.text
    assert await Acknowledgement.all().count() == 0

    async with sign_client(rotated) as client:
        signed = await client.post(fam.url, data=opened_before)
        assert signed.status_code == 303
    assert await Acknowledgement.filter(person_id=fam.parent.id).count() == 1

    # Forms issued after the rotation are signed with the new key alone.
    issued = FormTokens(rotated).issue(fam.invitation.id)
    assert FormTokens(dropped).valid(issued, fam.invitation.id)
    assert not FormTokens(before).valid(issued, fam.invitation.id)
