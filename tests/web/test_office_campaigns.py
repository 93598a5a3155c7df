"""Campaign pages: create, preview, send with progress, paper letters, recording a slip."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from portal.store.campaign_models import Campaign, TermDates
from portal.store.models import Acknowledgement, AuditEvent, Invitation, Person, Pupil
from portal.usecases import campaigns
from portal.usecases.invitations import read_token
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds
from tests.mailpeer import text_of
from tests.web.office_support import client_for, csrf, make_office_user, sign_in

STAFF = "staff-social-media"
PLEDGE = "parents-social-media-pledge"


@pytest.fixture
async def clearwell(db):
    await publish_seeds()
    school = await make_school("clearwell")
    for n in range(3):
        await make_staff(school, name=f"Teacher {n}", team="Teachers")
    await make_staff(school, name="Sam Site", email=None, team="Site")
    amy = await make_pupil(school, "Amy", "Year 4", "4B")
    ben = await make_pupil(school, "Ben", "Year 1", "1A")
    await make_parent(school, amy, name="Jane Smith", email="jane@home.example")
    await make_parent(school, ben, name="Paper Parent", email=None)
    return school


async def _signed_in(client):
    await sign_in(client, await make_office_user())
    return csrf((await client.get("/office/clearwell/campaigns/new")).text)


async def _create(client, token, **fields):
    data = {
        "csrf": token,
        "agreement": STAFF,
        "name": "",
        "audience": "whole-school",
        "after_days": "3, 7",
        "every_days": "7",
        "max_reminders": "4",
        **fields,
    }
    return await client.post("/office/clearwell/campaigns", data=data)


async def test_start_preview_and_send_with_progress(clearwell, mail_settings, mail_peer):
    async with client_for(mail_settings) as client:
        token = await _signed_in(client)
        created = await _create(client, token, name="Autumn staff")
        assert created.status_code == 303
        url = created.headers["location"]
        preview = await client.get(url)
        assert preview.status_code == 200
        assert re.search(r"<strong[^>]*>4</strong> people must sign", preview.text)
        assert re.search(r"<strong[^>]*>1</strong> has no email address", preview.text)
        sent = await client.post(f"{url}/send", data={"csrf": token})
        assert sent.status_code == 303 and sent.headers["location"] == f"{url}/progress"
        progress = await client.get(f"{url}/progress")
        assert progress.status_code == 200
        assert "3 of 4 done" not in progress.text and "4 of 4 done: 3 emailed" in progress.text
        assert "Finished." in progress.text
        assert progress.headers["content-security-policy"].startswith("default-src 'none'")
    await mail_peer.wait_for(3)
    campaign = await Campaign.get(name="Autumn staff")
    assert (campaign.status, campaign.emailed, campaign.on_paper) == ("sent", 3, 1)
    assert await Invitation.filter(campaign_id=campaign.id).count() == 4
    body = text_of(mail_peer.messages[0])
    assert "/sign/" in body


async def test_a_second_send_emails_nobody_twice(clearwell, mail_settings, mail_peer):
    async with client_for(mail_settings) as client:
        token = await _signed_in(client)
        url = (await _create(client, token)).headers["location"]
        await client.post(f"{url}/send", data={"csrf": token})
        await make_staff(await make_school("clearwell"), name="New Starter")
        page = await client.get(url)
        assert "Send to anyone not yet emailed" in page.text
        await client.post(f"{url}/send", data={"csrf": token})
    await mail_peer.wait_for(4)
    assert sorted(m["To"] for m in mail_peer.messages).count(mail_peer.messages[0]["To"]) == 1
    assert len(mail_peer.messages) == 4


async def test_audience_must_match_the_agreement_and_name_a_group(clearwell, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        no_group = await _create(client, token, agreement=PLEDGE, audience="year-groups")
        wrong = await _create(client, token, agreement=PLEDGE, audience="staff-teams", teams="1")
        bad_days = await _create(client, token, after_days="soon")
    assert no_group.status_code == 400 and "Choose at least one group" in no_group.text
    assert wrong.status_code == 400 and "choose a matching audience" in wrong.text
    assert bad_days.status_code == 400 and "whole numbers" in bad_days.text
    assert 'aria-invalid="true"' in bad_days.text
    assert await Campaign.all().count() == 0


async def test_a_class_campaign_asks_only_that_class(clearwell, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        url = (
            await _create(client, token, agreement=PLEDGE, audience="classes", classes="Year 1|1A")
        ).headers["location"]
        preview = await client.get(url)
    assert re.search(r"<strong[^>]*>1</strong> person must sign, for 1 pupil", preview.text)
    assert "Classes: 1A (Year 1)" in preview.text


async def test_sending_without_email_set_up_says_so(clearwell, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        url = (await _create(client, token)).headers["location"]
        response = await client.post(f"{url}/send", data={"csrf": token})
    assert response.status_code == 409 and "Email is not set up" in response.text
    assert (await Campaign.get()).status == "draft"


async def test_paper_letters_carry_each_persons_own_link_as_a_qr_code(
    clearwell, mail_settings, mail_peer
):
    async with client_for(mail_settings) as client:
        token = await _signed_in(client)
        url = (await _create(client, token, agreement=PLEDGE)).headers["location"]
        before = await client.get(f"{url}/paper")
        assert "Send the campaign first" in before.text
        await client.post(f"{url}/send", data={"csrf": token})
        paper = await client.get(f"{url}/paper")
    assert paper.status_code == 200
    assert "Paper Parent" in paper.text and "Jane Smith" not in paper.text
    assert "Ben (Year 1)" in paper.text
    assert '<svg role="img" aria-label="QR code for Paper Parent' in paper.text
    link = re.search(r'class="letter__link">([^<]+)<', paper.text).group(1)  # type: ignore[union-attr]
    invitation = await Invitation.get(id=read_token(mail_settings, link.rsplit("/", 1)[1]))
    assert invitation.person_id == (await Person.get(full_name="Paper Parent")).id  # type: ignore[attr-defined]
    assert "<script" not in paper.text


async def test_recording_a_paper_slip_keeps_the_reason_at_lower_assurance(clearwell, settings):
    parent = await Person.get(full_name="Paper Parent")
    async with client_for(settings) as client:
        token = await _signed_in(client)
        url = (await _create(client, token, agreement=PLEDGE)).headers["location"]
        found = await client.get(f"{url}/record?q=paper")
        assert f"record?person={parent.id}" in found.text
        form = await client.get(f"{url}/record?person={parent.id}")
        assert "Ben (Year 1)" in form.text
        pupil_id = re.search(r'name="pupils" value="(\d+)"', form.text).group(1)  # type: ignore[union-attr]
        today = datetime.now(UTC).date().isoformat()
        data = {
            "csrf": token,
            "person": str(parent.id),
            "pupils": pupil_id,
            "channel": "paper",
            "signed_on": today,
            "reason": "",
        }
        missing = await client.post(f"{url}/record", data=data)
        assert missing.status_code == 400 and "Give the reason" in missing.text
        data["reason"] = "No email; slip returned in Ben's book bag"
        done = await client.post(f"{url}/record", data=data)
        assert done.status_code == 303 and done.headers["location"].endswith("?recorded=recorded")
        again = await client.post(f"{url}/record", data=data)
        assert again.headers["location"].endswith("?recorded=already")
        page = await client.get(done.headers["location"])
        assert "has been recorded" in page.text
    [ack] = await Acknowledgement.filter(person_id=parent.id)
    assert (ack.channel, ack.assurance, ack.recorded_by) == (
        "paper",
        "recorded-by-staff",
        "office@clearwell.example",
    )
    assert ack.evidence["reason"] == "No email; slip returned in Ben's book bag"
    signed = await AuditEvent.get(action="agreement.signed")
    assert signed.data["assurance"] == "recorded-by-staff" and signed.data["channel"] == "paper"
    note = await AuditEvent.get(action="agreement.recorded_by_staff")
    assert note.data["reason"].startswith("No email") and note.actor == "office@clearwell.example"


async def test_a_slip_cannot_be_for_someone_elses_child_or_dated_ahead(clearwell, settings):
    parent = await Person.get(full_name="Paper Parent")
    other_child = await Pupil.get(full_name="Amy")
    async with client_for(settings) as client:
        token = await _signed_in(client)
        url = (await _create(client, token, agreement=PLEDGE)).headers["location"]
        data = {
            "csrf": token,
            "person": str(parent.id),
            "pupils": str(other_child.id),
            "channel": "phone",
            "signed_on": datetime.now(UTC).date().isoformat(),
            "reason": "phoned",
        }
        wrong_child = await client.post(f"{url}/record", data=data)
        data.update(pupils="", signed_on="2999-01-01")
        future = await client.post(f"{url}/record", data=data)
    assert wrong_child.status_code == 400 and "parental responsibility" in wrong_child.text
    assert future.status_code == 400
    assert await Acknowledgement.all().count() == 0


async def test_term_dates_are_added_and_removed(clearwell, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        added = await client.post(
            "/office/clearwell/term-dates",
            data={
                "csrf": token,
                "name": "Autumn 1",
                "starts_on": "2025-09-03",
                "ends_on": "2025-10-24",
            },
        )
        assert added.status_code == 303
        backwards = await client.post(
            "/office/clearwell/term-dates",
            data={
                "csrf": token,
                "name": "Oops",
                "starts_on": "2025-10-24",
                "ends_on": "2025-09-03",
            },
        )
        assert backwards.status_code == 400 and "on or after" in backwards.text
        page = await client.get("/office/clearwell/term-dates")
        assert "Autumn 1" in page.text
        term = await TermDates.get()
        removed = await client.post(
            f"/office/clearwell/term-dates/{term.id}/delete", data={"csrf": token}
        )
        assert removed.status_code == 303
    assert await TermDates.all().count() == 0


async def test_another_schools_campaigns_are_not_found(clearwell, settings):
    stockham = await make_school("stockham")
    await make_staff(stockham, name="Stockham Teacher")
    theirs = await campaigns.create_campaign(
        stockham,
        campaigns.NewCampaign(STAFF, "Stockham secret", campaigns.AudienceKind.WHOLE_SCHOOL),
        "head@stockham.example",
        datetime.now(UTC),
    )
    async with client_for(settings) as client:
        token = await _signed_in(client)
        for school in ("clearwell", "stockham"):
            base = f"/office/{school}/campaigns/{theirs.id}"
            for path in ("", "/progress", "/paper", "/record", "/record?q=Stockham"):
                response = await client.get(base + path)
                assert response.status_code == 404, base + path
                assert "Stockham" not in response.text
            for path in ("/send", "/close", "/record"):
                response = await client.post(base + path, data={"csrf": token, "reason": "x"})
                assert response.status_code == 404, base + path
        listing = await client.get("/office/clearwell/campaigns")
        assert "Stockham secret" not in listing.text
    assert (await Campaign.get(id=theirs.id)).status == "draft"


async def test_the_new_campaign_form_lists_year_groups_and_classes_in_school_order(
    clearwell, settings
):
    for year, form in (("Year 10", "10A"), ("Reception", "RB"), ("Year 2", "2C")):
        await make_pupil(clearwell, f"Pupil {form}", year, form)
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        page = (await client.get("/office/clearwell/campaigns/new")).text
    years = re.findall(r'name="years" value="([^"]+)"', page)
    classes = re.findall(r'name="classes" value="([^"]+)"', page)
    assert years == ["Reception", "Year 1", "Year 2", "Year 4", "Year 10"]
    assert classes == ["Reception|RB", "Year 1|1A", "Year 2|2C", "Year 4|4B", "Year 10|10A"]
