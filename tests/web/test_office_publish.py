"""Publishing new agreement versions from the office: edit in the page, or upload a file."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest

from portal.core.renewals import Signature, Status, standing
from portal.store.agreements import load_agreement
from portal.store.models import Agreement, AgreementVersion, AuditEvent
from tests.factories import make_school, publish_seeds
from tests.web.office_support import client_for, csrf, make_office_user, sign_in

PAGE = "/office/clearwell/agreements/staff-social-media"
TODAY = date.today()
OLD_14 = "Staff members must be conscious at all times of the need to keep their personal"
NEW_14 = "Staff members must always keep their personal"


@pytest.fixture
async def office(db, settings):
    await publish_seeds()
    await make_school("clearwell")
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        yield client


async def _edit(client, **fields: str):
    page = await client.get(PAGE)
    text = html.unescape(
        re.search(r'<textarea[^>]*id="text"[^>]*>(.*?)</textarea>', page.text, re.S).group(1)
    )
    data = {
        "csrf": csrf(page.text),
        "label": "2025-09",
        "effective": TODAY.isoformat(),
        "material": "material",
        "changes": "Clause 1.4 is shorter.",
        "text": text.replace(OLD_14, NEW_14),
        **fields,
    }
    return await client.post(PAGE + "/edit", data=data)


async def _stored(label: str) -> AgreementVersion | None:
    return await AgreementVersion.get_or_none(
        label=label, agreement__slug="staff-social-media", school__slug="clearwell"
    )


async def _agreement():
    return await load_agreement(
        await Agreement.get(slug="staff-social-media", school__slug="clearwell")
    )


async def test_edit_page_is_prefilled_with_the_version_in_force(office):
    page = await office.get(PAGE)
    assert page.status_code == 200
    assert OLD_14 in html.unescape(page.text)
    assert 'name="label"' in page.text and 'type="date"' in page.text
    assert 'value="material"' in page.text and 'value="minor"' in page.text


async def test_material_edit_is_published_audited_and_supersedes_signatures(office):
    response = await _edit(office)
    assert response.status_code == 303
    assert response.headers["location"] == PAGE + "?published=2025-09"
    shown = await office.get(response.headers["location"])
    assert "Version 2025-09 is published" in shown.text and "sign again" in shown.text

    stored = await _stored("2025-09")
    assert (
        stored is not None and stored.material and stored.published_by == "office@clearwell.example"
    )
    assert NEW_14 in stored.text
    event = await AuditEvent.get(
        chain="clearwell", action="version.published", subject="staff-social-media/2025-09"
    )
    assert event.actor == "office@clearwell.example" and event.data["sha256"] == stored.sha256

    agreement = await _agreement()
    signed_last_week = [Signature("2024-09", TODAY - timedelta(days=7))]
    assert standing(agreement, signed_last_week, TODAY).status is Status.SUPERSEDED


async def test_minor_edit_keeps_signatures_current(office):
    assert (await _edit(office, material="minor")).status_code == 303
    stored = await _stored("2025-09")
    assert stored is not None and not stored.material
    agreement = await _agreement()
    status = standing(agreement, [Signature("2024-09", TODAY - timedelta(days=1))], TODAY).status
    assert status is not Status.SUPERSEDED


async def test_text_problem_is_shown_next_to_the_text_with_its_line_and_nothing_is_stored(office):
    page = await office.get(PAGE)
    response = await office.post(
        PAGE + "/edit",
        data={
            "csrf": csrf(page.text),
            "label": "2025-09",
            "effective": TODAY.isoformat(),
            "material": "material",
            "changes": "",
            "text": "## 1 INTRODUCTION\n\n### 1.1\nFine.\n\n### Untitled\nNo number here.\n",
        },
    )
    assert response.status_code == 400
    error = re.search(r'<p class="field__error" id="text-error">(.*?)</p>', response.text, re.S)
    assert (
        error
        and "text, line 6" in error.group(1)
        and "must start with its number" in error.group(1)
    )
    assert 'aria-invalid="true"' in response.text
    assert "No number here." in response.text  # what was typed is kept
    assert await _stored("2025-09") is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"label": "2025 09"}, "label", "may use only letters, digits"),
        ({"effective": "next week"}, "effective", "like 2025-09-01"),
        ({"label": "2024-09"}, "label", "already published with different text"),
        ({"effective": "2024-08-01"}, "effective", "must take effect after version 2024-09"),
        ({"text": ""}, "text", "no clauses"),
    ],
    ids=["bad-label", "bad-date", "same-label-new-text", "backdated", "empty"],
)
async def test_form_problems_are_shown_next_to_their_field(office, fields, field, message):
    response = await _edit(office, **fields)
    assert response.status_code == 400
    error = re.search(rf'<p class="field__error" id="{field}-error">(.*?)</p>', response.text, re.S)
    assert error and message in html.unescape(error.group(1)), response.text[:3000]
    assert (
        await AgreementVersion.filter(
            school__slug="clearwell", agreement__slug="staff-social-media"
        ).count()
        == 1
    )


async def test_unchanged_text_is_not_a_new_version(office):
    page = await office.get(PAGE)
    text = html.unescape(re.search(r'id="text"[^>]*>(.*?)</textarea>', page.text, re.S).group(1))
    response = await _edit(office, text=text)
    assert (
        response.status_code == 400 and "the text is the same as version 2024-09" in response.text
    )


def _file(label: str, body: str, audience: str = "staff") -> str:
    return (
        f"---\ntitle: Social Media Policy\naudience: {audience}\nversion: '{label}'\n"
        f"effective: {TODAY.isoformat()}\nrenewal: annual\nmaterial: false\n"
        f"changes: Typo fixed.\n---\n\n{body}"
    )


async def test_upload_publishes_a_version_file(office):
    page = await office.get(PAGE)
    body = "## 1 INTRODUCTION\n\n### 1.1\nA new, shorter policy.\n"
    response = await office.post(
        PAGE + "/upload",
        data={"csrf": csrf(page.text)},
        files={"file": ("2025-10.md", _file("2025-10", body).encode(), "text/markdown")},
    )
    assert response.status_code == 303, response.text
    stored = await _stored("2025-10")
    assert stored is not None and not stored.material and stored.changes == "Typo fixed."


async def test_upload_problem_names_the_file_and_line(office):
    page = await office.get(PAGE)
    broken = _file("2025-10", "## 1 X\n\n### 1.1\nText.\n").replace(
        "renewal: annual", "renewal: sometimes"
    )
    response = await office.post(
        PAGE + "/upload",
        data={"csrf": csrf(page.text)},
        files={"file": ("policy-2025.md", broken.encode(), "text/markdown")},
    )
    assert response.status_code == 400
    assert "policy-2025.md, line 6:" in response.text
    assert "renewal &#39;sometimes&#39; is not one of" in response.text
    assert await _stored("2025-10") is None


async def test_upload_for_the_wrong_audience_is_refused(office):
    page = await office.get(PAGE)
    response = await office.post(
        PAGE + "/upload",
        data={"csrf": csrf(page.text)},
        files={
            "file": (
                "x.md",
                _file("2025-10", "## 1\n\n### 1.1\nT.\n", "parent").encode(),
                "text/markdown",
            )
        },
    )
    assert (
        response.status_code == 400 and "this agreement is for staff, not parent" in response.text
    )


async def test_new_agreement_by_upload(office):
    listing = await office.get("/office/clearwell/agreements")
    response = await office.post(
        "/office/clearwell/agreements",
        data={"csrf": csrf(listing.text), "slug": "trips-consent"},
        files={
            "file": (
                "2025-09.md",
                _file("2025-09", "## 1 Trips\n\n### 1.1\nI consent.\n", "parent").encode(),
                "text/markdown",
            )
        },
    )
    assert response.status_code == 303
    assert (
        response.headers["location"]
        == "/office/clearwell/agreements/trips-consent?published=2025-09"
    )
    again = await office.post(
        "/office/clearwell/agreements",
        data={"csrf": csrf(listing.text), "slug": "trips-consent"},
        files={"file": ("2025-09.md", b"---\n---\n", "text/markdown")},
    )
    assert again.status_code == 400 and "already exists" in again.text


async def test_version_page_shows_what_changed_and_the_file_round_trips(office):
    assert (await _edit(office)).status_code == 303
    page = await office.get(PAGE + "/versions/2025-09")
    assert page.status_code == 200
    assert "What changed since version 2024-09" in page.text
    assert "<del>" in page.text and "<ins>" in page.text and "1 reworded" in page.text
    download = await office.get(PAGE + "/versions/2025-09/download")
    assert (
        download.headers["content-disposition"]
        == 'attachment; filename="staff-social-media-2025-09.md"'
    )
    again = await office.post(
        PAGE + "/upload",
        data={"csrf": csrf(page.text)},
        files={"file": ("2025-09.md", download.content, "text/markdown")},
    )
    assert again.status_code == 400 and "already published with exactly this text" in again.text


async def test_api_lists_versions(office):
    assert (await _edit(office)).status_code == 303
    data = (await office.get("/api/office/clearwell/agreements")).json()
    social = next(a for a in data["agreements"] if a["slug"] == "staff-social-media")
    assert [v["label"] for v in social["versions"]] == ["2024-09", "2025-09"]


async def test_sign_page_shows_what_changed_since_the_version_a_parent_signed(db, settings):
    from portal.store import invitations
    from portal.usecases.invitations import link_token
    from tests.web.sign_support import PLEDGE, family, sign_client, sign_form

    signed = await family(settings)
    async with sign_client(settings) as parent:
        first = await parent.get(signed.url)
        assert "What changed since you signed" not in first.text
        assert (await parent.post(signed.url, data=sign_form(first.text))).status_code == 303

    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        page = await client.get(f"/office/clearwell/agreements/{PLEDGE}")
        text = html.unescape(
            re.search(r'id="text"[^>]*>(.*?)</textarea>', page.text, re.S).group(1)
        )
        response = await client.post(
            f"/office/clearwell/agreements/{PLEDGE}/edit",
            data={
                "csrf": csrf(page.text),
                "label": "2025-09",
                "effective": TODAY.isoformat(),
                "material": "material",
                "changes": "Persistent offenders are now named.",
                "text": text.replace(
                    "Persistent offenders", "Parents who repeatedly break this pledge"
                ),
            },
        )
        assert response.status_code == 303, response.text

    new = await _stored_pledge("2025-09")
    again = await invitations.create(
        signed.school,
        person_id=signed.parent.id,
        agreement_id=new.agreement_id,
        version_id=new.id,
        pupil_ids=[p.id for p in signed.pupils],
        expires_at=signed.invitation.expires_at,
        actor="tests",
    )
    async with sign_client(settings) as parent:
        shown = await parent.get(f"/sign/{link_token(settings, again.id)}")
    assert shown.status_code == 200
    assert "What changed since you signed version 2024-09" in shown.text
    assert "Persistent offenders are now named." in shown.text
    assert re.search(
        r"<del><span class=\"visually-hidden\">\[removed: </span>Persistent offenders", shown.text
    )
    assert re.search(
        r"<ins><span class=\"visually-hidden\">\[added: </span>Parents who repeatedly break",
        shown.text,
    )
    assert 'href="/static/changes.css"' in shown.text


async def _stored_pledge(label: str) -> AgreementVersion:
    return await AgreementVersion.get(
        label=label, agreement__slug="parents-social-media-pledge", school__slug="clearwell"
    )
