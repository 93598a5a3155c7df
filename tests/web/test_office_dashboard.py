"""The completion pages: numbers, drill-down, CSV export, evidence bundles, and one school only."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from portal.core.evidence import Assurance
from portal.store.models import (
    Acknowledgement,
    AgreementVersion,
    Invitation,
    Person,
    Pupil,
    School,
    StaffTeam,
)
from portal.usecases.signing import Evidence, SignRequest, sign_agreement
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds
from tests.web.office_support import client_for, csrf, enrol_totp, make_office_user, sign_in
from tests.web.sign_support import family

STAFF = "staff-social-media"
PLEDGE = "parents-social-media-pledge"


async def sign(person: Person, slug: str, *pupils: Pupil, assurance=Assurance.EMAIL_LINK):
    version = await AgreementVersion.get(
        agreement__slug=slug, agreement__school_id=person.school_id
    )  # type: ignore[attr-defined]
    keys = tuple(str(p.id) for p in pupils) or ("self",)
    return await sign_agreement(
        SignRequest(
            person.school_id,
            person.id,
            version.agreement_id,
            version.id,
            keys,  # type: ignore[attr-defined]
            version.sha256,
        ),
        Evidence(typed_name=person.full_name, channel="email-link", assurance=assurance),
    )


@pytest.fixture
async def clearwell(db):
    """Five staff (two signed, one with a name a spreadsheet would run), three pupils."""
    await publish_seeds()
    school = await make_school("clearwell")
    signed = [await make_staff(school, name=f"Signed {n}", team="Teachers") for n in range(2)]
    await make_staff(school, name='=HYPERLINK("http://evil.example")', team="Office")
    await make_staff(school, name="Never Signed", team="Teachers")
    await make_staff(school, name="+Plus Person", email=None)
    for person in signed:
        await sign(person, STAFF)
    amy, ben = (
        await make_pupil(school, "Amy", "Year 4", "4B"),
        await make_pupil(school, "Ben", "Year 1", "1A"),
    )
    cat = await make_pupil(school, "Cat", "Year 1", "1A")
    jane = await make_parent(school, amy, ben, name="Jane Smith")
    await make_parent(school, cat, name="No Signer")
    await sign(jane, PLEDGE, amy)
    return school


async def test_the_school_page_counts_staff_and_pupils(clearwell, settings):
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        page = await client.get("/office/clearwell/completion")
    assert page.status_code == 200
    text = page.text
    assert "Who has signed" in text
    # Staff: 2 of 5 signed; pledge: 1 of 3 pupils covered. The bars say so in words too.
    assert 'aria-label="5 staff: 2 signed, 3 never signed"' in text
    assert 'aria-label="3 pupils: 1 signed, 2 never signed"' in text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<script" not in text and "style=" not in text


async def test_breakdowns_by_team_and_class(clearwell, settings):
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        staff = await client.get(f"/office/clearwell/completion/{STAFF}")
        pledge = await client.get(f"/office/clearwell/completion/{PLEDGE}")
    assert "By staff team" in staff.text and "In no team" in staff.text
    assert "By year group" in pledge.text and "By class" in pledge.text
    assert "1A (Year 1)" in pledge.text


async def test_people_are_filtered_by_status_and_group(clearwell, settings):
    teachers_id = (await StaffTeam.get(name="Teachers")).id
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        never = await client.get(f"/office/clearwell/completion/{STAFF}/people?status=never_signed")
        teachers = await client.get(
            f"/office/clearwell/completion/{STAFF}/people?status=never_signed&group=team:{teachers_id}"
        )
        year1 = await client.get(f"/office/clearwell/completion/{PLEDGE}/people?group=year:Year 1")
    assert "3 members of staff" in never.text
    assert "Never Signed" in never.text and "Signed 0" not in never.text
    assert "1 member of staff" in teachers.text
    assert "Ben" in year1.text and "Cat" in year1.text and "Amy" not in year1.text
    assert "No one on record" not in year1.text


async def test_csv_export_is_streamed_filtered_and_safe_in_a_spreadsheet(clearwell, settings):
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        everyone = await client.get(f"/office/clearwell/completion/{STAFF}/export.csv")
        never = await client.get(
            f"/office/clearwell/completion/{STAFF}/export.csv?status=never_signed"
        )
    assert everyone.status_code == 200
    assert everyone.headers["content-type"].startswith("text/csv")
    assert "attachment" in everyone.headers["content-disposition"]
    assert everyone.text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(everyone.text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Name", "Email", "Teams", "Status"]
    by_name = {r[0]: r for r in rows[1:]}
    assert len(by_name) == 5
    assert by_name["Signed 0"][3] == "Signed" and by_name["Signed 0"][4] == "2024-09"
    # Formula injection: cells that a spreadsheet would run start with an apostrophe.
    assert '\'=HYPERLINK("http://evil.example")' in by_name
    assert "'+Plus Person" in by_name
    assert all(not c.startswith(("=", "+", "-", "@")) for r in rows for c in r)
    assert len(list(csv.reader(io.StringIO(never.text.lstrip("\ufeff"))))) == 4


async def test_pupil_csv_names_the_responsible_adults(clearwell, settings):
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        response = await client.get(f"/office/clearwell/completion/{PLEDGE}/export.csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][0] == "Pupil"
    ben = next(r for r in rows if r[0] == "Ben")
    assert ben[2] == "Never signed" and "Jane Smith <" in ben[-1]


async def test_evidence_bundle_has_signatures_texts_and_audit_chain(clearwell, settings):
    jane = await Person.get(full_name="Jane Smith")
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        response = await client.get(f"/office/clearwell/people/{jane.id}/evidence.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    bundle = json.loads(response.text)
    assert bundle["person"]["full_name"] == "Jane Smith"
    [ack] = bundle["acknowledgements"]
    assert ack["assurance"] == "email-link" and ack["pupil__full_name"] == "Amy"
    [version] = bundle["versions_signed"]
    assert version["sha256"] == ack["version_sha256"] and version["text"]
    signed = [e for e in bundle["audit_events"] if e["action"] == "agreement.signed"]
    assert signed and len(signed[0]["hash"]) == 64
    assert bundle["audit_chain"]["intact"] is True


async def test_a_persons_evidence_reads_on_screen(clearwell, settings):
    jane = await Person.get(full_name="Jane Smith")
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        people = await client.get(f"/office/clearwell/completion/{PLEDGE}/people")
        page = await client.get(f"/office/clearwell/people/{jane.id}")
    assert f'href="/office/clearwell/people/{jane.id}"' in people.text
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    ack = await Acknowledgement.get(person_id=jane.id)
    assert ack.version_sha256 in page.text and "Emailed link" in page.text
    assert "for Amy" in page.text and "agreement.signed" in page.text
    assert "checks out end to end" in page.text
    assert f"/office/clearwell/people/{jane.id}/evidence.json" in page.text
    assert "not the name on record" not in page.text  # she typed her own name

    # Someone else typed their name on her link: worth a look.
    await Acknowledgement.filter(id=ack.id).update(typed_name="Mark Jones")
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user("head@clearwell.example"))
        flagged = await client.get(f"/office/clearwell/people/{jane.id}")
    assert "“Mark Jones”" in flagged.text and "not the name on record" in flagged.text


async def test_another_schools_pages_and_people_are_not_found(clearwell, settings):
    stockham = await make_school("stockham")
    theirs = await make_staff(stockham, name="Stockham Teacher")
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        for url in (
            "/office/stockham/completion",
            f"/office/stockham/completion/{STAFF}",
            f"/office/stockham/completion/{STAFF}/people",
            f"/office/stockham/completion/{STAFF}/export.csv",
            f"/office/stockham/people/{theirs.id}/evidence.json",
            f"/office/clearwell/people/{theirs.id}/evidence.json",
            f"/office/stockham/people/{theirs.id}",
            f"/office/clearwell/people/{theirs.id}",
            "/office/clearwell/people/not-a-number",
            "/office/completion",
        ):
            response = await client.get(url)
            assert response.status_code == 404, url
            assert "Stockham Teacher" not in response.text


async def test_trust_administrators_see_every_school(clearwell, settings):
    stockham = await School.get(slug="stockham")
    await make_staff(stockham, name="Stockham Teacher")
    admin = await make_office_user("admin@trust.example", role="trust_admin")
    totp = await enrol_totp(admin, settings)
    async with client_for(settings) as client:
        await sign_in(client, admin, totp)
        page = await client.get("/office/completion")
    assert page.status_code == 200
    assert 'href="/office/clearwell/completion"' in page.text
    assert 'href="/office/stockham/completion"' in page.text


async def test_the_office_sends_one_person_a_new_link(db, mail_settings, mail_peer):
    fam = await family(mail_settings, expires_in=timedelta(seconds=-1))  # it ran out
    other = await family(mail_settings, parent="Olu Other", email="olu@home.example")
    async with client_for(mail_settings) as client:
        await sign_in(client, await make_office_user())
        page = await client.get(f"/office/clearwell/people/{fam.parent.id}")
        action = f"/office/clearwell/people/{fam.parent.id}/links/{fam.invitation.id}/new"
        assert f'action="{action}"' in page.text
        sent = await client.post(action, data={"csrf": csrf(page.text)})
        after = await client.get(sent.headers["location"])
        # Someone else's link, named under her page: not found, nothing sent.
        foreign = await client.post(
            f"/office/clearwell/people/{fam.parent.id}/links/{other.invitation.id}/new",
            data={"csrf": csrf(page.text)},
        )
    assert "A new link was emailed to Jane Smith." in after.text
    assert foreign.status_code == 404
    [message] = await mail_peer.wait_for(1)
    assert message["To"] == "jane@home.example"
    assert await Invitation.filter(person_id=other.parent.id).count() == 1


async def test_a_persons_sign_links_are_named_by_the_agreements_title(db, settings):
    fam = await family(settings)  # a live link, nothing signed yet
    async with client_for(settings) as client:
        await sign_in(client, await make_office_user())
        page = await client.get(f"/office/clearwell/people/{fam.parent.id}")
    links = page.text.split("Sign links", 1)[1]
    assert "Parents&#39; Social Media Pledge<span" in links
    assert "for Parents&#39; Social Media Pledge</span>" in links
    assert PLEDGE not in links.split("Messages", 1)[0]
