"""Importing the roster in the office: check first (nothing saved), then import what was checked."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from portal.store.models import AuditEvent, Person, Pupil
from portal.store.office_models import RosterUpload
from portal.usecases import roster_uploads
from tests.factories import make_school, make_staff, publish_seeds
from tests.roster_files import FAMILIES, PUPILS, STAFF
from tests.web.office_support import client_for, csrf, make_office_user, sign_in


def _csv(header: str, *rows: str) -> bytes:
    return "\r\n".join([header, *rows]).encode()


async def _signed_in(client) -> str:
    await publish_seeds()
    await make_school("clearwell")
    await sign_in(client, await make_office_user())
    return csrf((await client.get("/office/clearwell/roster")).text)


async def _check(client, token: str, data: bytes, name: str = "pupils.csv", kind: str = ""):
    return await client.post(
        "/office/clearwell/roster/check",
        data={"csrf": token, "kind": kind},
        files={"file": (name, data, "text/csv")},
    )


def _hidden(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


async def _import(client, token: str, checked: str, **extra: str):
    form = {
        "csrf": token,
        "sha256": _hidden(checked, "sha256"),
        "name": _hidden(checked, "name"),
        "kind": _hidden(checked, "kind"),
        **extra,
    }
    return await client.post("/office/clearwell/roster/import", data=form)


async def test_a_pupils_file_is_checked_then_imported(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        checked = await _check(client, token, _csv(PUPILS, *FAMILIES))
        assert checked.status_code == 200
        assert "What importing pupils.csv would change" in checked.text
        # No email: the paper route, with the children the letter is about.
        assert "Chidi Okafor (for Chioma Okafor, Emeka Okafor)" in checked.text
        assert await Pupil.all().count() == 0  # checking saves nothing
        done = await _import(client, token, checked.text)
    assert done.status_code == 200 and "pupils.csv is imported" in done.text
    assert await Pupil.filter(school__slug="clearwell").count() == 3
    assert not await RosterUpload.exists()  # imported: the file is not kept
    assert await Person.filter(kind="parent").count() == 3
    [event] = await AuditEvent.filter(action="roster.imported")
    assert event.actor == "office@clearwell.example" and event.data["file"] == "pupils.csv"


async def test_rows_that_cannot_be_read_are_listed_and_nothing_is_saved(db, settings):
    bad = _csv(STAFF, "S1,Ms,Ann,Lee,not-an-email,Teacher,Maths", ",Mr,Bo,Ray,b@s.example,TA,")
    async with client_for(settings) as client:
        token = await _signed_in(client)
        refused = await _check(client, token, bad, name="staff.csv")
    assert refused.status_code == 422
    assert "staff.csv was not imported: fix these 2 rows" in refused.text
    assert "line 2" in refused.text and "line 3" in refused.text
    assert 'name="sha256"' not in refused.text  # nothing to confirm
    assert await Person.all().count() == 0


async def test_a_file_that_is_no_roster_is_to_be_fixed_as_a_whole(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        refused = await _check(client, token, b"Name,Colour\r\nAnn,Blue\r\n", name="list.csv")
    assert refused.status_code == 422
    assert "list.csv was not imported: fix the file in the MIS export" in refused.text
    assert "rows" not in refused.text


async def test_a_partial_export_needs_the_leavers_confirmed(db, settings):
    everyone = [
        f"S{n},Ms,Staff,Member{n},s{n}@clearwell.example,Teacher,Maths" for n in range(1, 13)
    ]
    async with client_for(settings) as client:
        token = await _signed_in(client)
        first = await _check(client, token, _csv(STAFF, *everyone), name="staff.csv")
        await _import(client, token, first.text)
        partial = await _check(client, token, _csv(STAFF, *everyone[:2]), name="maths.csv")
        assert "This looks like part of the school" in partial.text
        assert "10 of 12 current staff" in partial.text
        refused = await _import(client, token, partial.text)
        assert refused.status_code == 422
        assert "Confirm that these people really have left." in refused.text
        assert await Person.filter(kind="staff", left_at__isnull=True).count() == 12
        allowed = await _import(client, token, partial.text, allow_leavers="yes")
    assert allowed.status_code == 200 and "maths.csv is imported" in allowed.text
    assert await Person.filter(kind="staff", left_at__isnull=True).count() == 2


async def test_only_the_file_that_was_checked_can_be_imported(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        forged = await client.post(
            "/office/clearwell/roster/import",
            data={"csrf": token, "sha256": "../../etc/passwd", "name": "x.csv", "kind": ""},
        )
        unknown = await client.post(
            "/office/clearwell/roster/import",
            data={"csrf": token, "sha256": "ab" * 32, "name": "x.csv", "kind": ""},
        )
        none_chosen = await _check(client, token, b"", name="")
    assert forged.status_code == unknown.status_code == 410
    assert "Choose the file again" in unknown.text
    assert none_chosen.status_code == 422 and "Choose the CSV file" in none_chosen.text


async def test_an_empty_file_is_named_as_empty_not_as_missing(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        empty = await _check(client, token, b"", name="pupils.csv")
    assert empty.status_code == 422
    assert "pupils.csv is empty" in empty.text
    assert "Choose the CSV file" not in empty.text


async def test_a_file_checked_at_one_school_cannot_be_imported_at_another(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        sha256 = _hidden((await _check(client, token, _csv(PUPILS, *FAMILIES))).text, "sha256")
    await make_school("stockport")
    async with client_for(settings) as client:
        stockport = await make_office_user("office@stockport.example", school="stockport")
        await sign_in(client, stockport)
        token = csrf((await client.get("/office/stockport/roster")).text)
        form = {"csrf": token, "sha256": sha256, "name": "pupils.csv"}
        elsewhere = await client.post("/office/stockport/roster/import", data=form)
    assert elsewhere.status_code == 410 and "no longer here" in elsewhere.text
    assert await Pupil.all().count() == 0


async def test_a_file_checked_and_never_imported_is_cleared_after_a_day(db, settings):
    async with client_for(settings) as client:
        token = await _signed_in(client)
        await _check(client, token, _csv(PUPILS, *FAMILIES))
        await _check(client, token, _csv(PUPILS, *FAMILIES))  # the same file again: one kept
        [kept] = await RosterUpload.all()
        assert kept.data == _csv(PUPILS, *FAMILIES)
        await client.get("/office/clearwell/roster")
        assert await RosterUpload.exists()  # not a day old yet
        day_ago = datetime.now(UTC) - roster_uploads.KEPT_FOR - timedelta(seconds=1)
        await RosterUpload.filter(id=kept.id).update(kept_at=day_ago)
        await client.get("/office/clearwell/roster")
    assert not await RosterUpload.exists()


async def test_the_roster_page_says_who_is_on_it_and_when_each_list_came(db, settings):
    everyone = [
        f"S{n},Ms,Staff,Member{n},s{n}@clearwell.example,Teacher,Maths" for n in range(1, 4)
    ]
    other = await make_school("stockport")
    await make_staff(other, "Someone Elsewhere")  # another school's people are not counted
    async with client_for(settings) as client:
        token = await _signed_in(client)
        empty = await client.get("/office/clearwell/roster")
        assert "Nobody yet" in empty.text
        assert "The staff list: never imported." in empty.text
        await _import(client, token, (await _check(client, token, _csv(STAFF, *everyone))).text)
        leavers = await _check(client, token, _csv(STAFF, *everyone[:2]), name="staff.csv")
        await _import(client, token, leavers.text, allow_leavers="yes")
        pupils = await _check(client, token, _csv(PUPILS, *FAMILIES), name="families.csv")
        imported = await _import(client, token, pupils.text)
        later = await client.get("/office/clearwell/roster")
        home = await client.get("/office/clearwell/")
    for page in (imported, later):  # the figures after an import are the new ones
        rows = [
            " ".join(r.split()) for r in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page.text)
        ]
        assert [_cells(r) for r in rows[-3:]] == [
            ["Staff", "2", "0"],  # the one who left is not on the roster
            ["Pupils", "3", "–"],
            ["Parents and carers", "3", "1"],  # Chidi Okafor has no address
        ]
        assert (
            "a letter, with a QR code to sign, for everyone without an email address" in page.text
        )
        assert re.search(
            r"The staff list: last imported \d+ \w+ \d{4} at \d\d:\d\d \(\w+\) by "
            r"office@clearwell\.example from staff\.csv\.",
            page.text,
        )
        assert "The pupils and their contacts: last imported" in page.text
        assert "from families.csv." in page.text
    assert "2 staff, 3 pupils and 3 parents and carers (1 without an email address)." in home.text
    assert "Staff list imported" in home.text and "Pupils and contacts imported" in home.text


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.split(r"</t[hd]>", row) if cell]
