"""Importing rosters into the store: in place by MIS id, leavers marked, one audit entry each."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.cli.demo import import_demo
from portal.cli.roster import check_file, echo_report, run_import
from portal.core.roster import Leavers, Roster, read_roster
from portal.store import audit
from portal.store.models import (
    Agreement,
    AgreementVersion,
    AuditEvent,
    Guardianship,
    Invitation,
    Person,
    Pupil,
    StaffTeam,
    TeamMembership,
)
from portal.store.roster import ImportReport, TooManyLeavers, UnknownSchool, import_roster
from tests.conftest import AGREEMENTS, ROOT
from tests.factories import make_parent, make_pupil, make_school, publish_seeds
from tests.roster_files import FAMILIES, PUPILS, STAFF


def csv(header: str, *rows: str) -> Roster:
    return read_roster("\r\n".join([header, *rows]).encode())


def tallies(report: ImportReport) -> dict[str, tuple[int, int, int, int]]:
    return {n: (t.added, t.updated, t.unchanged, t.left) for n, t in report.tallies.items()}


async def teams_of(external_id: str) -> list[str]:
    person = await Person.get(kind="staff", external_id=external_id)
    memberships = await TeamMembership.filter(person=person).prefetch_related("team")
    return sorted(m.team.name for m in memberships)


async def open_invitation(person: Person) -> Invitation:
    version = await AgreementVersion.filter(school_id=person.school_id).first()  # type: ignore[attr-defined]
    assert version is not None
    agreement = await Agreement.get(id=version.agreement_id)  # type: ignore[attr-defined]
    return await Invitation.create(
        school_id=person.school_id,  # type: ignore[attr-defined]
        person=person,
        agreement=agreement,
        version=version,
        expires_at=datetime.now(UTC) + timedelta(days=30),
    )


async def test_staff_import_creates_people_teams_and_one_audit_entry(db):
    await make_school("clearwell")
    roster = csv(
        STAFF,
        "S1,Mrs,Helen,Ashworth,h.ashworth@clearwell.example,Headteacher,Senior Leadership",
        'S2,Mr,Tomasz,Nowak,t.nowak@clearwell.example,"Head of Maths, KS4",Maths; Pastoral',
        "S3,Mr,Liam,Doherty,,Teaching Assistant,Support",
    )
    report = await import_roster("clearwell", roster, actor="tests", source={"file": "staff.csv"})
    assert tallies(report) == {"staff": (3, 0, 0, 0)} and report.saved
    nowak = await Person.get(kind="staff", external_id="S2")
    assert (nowak.full_name, nowak.email, nowak.role) == (
        "Tomasz Nowak",
        "t.nowak@clearwell.example",
        "Head of Maths, KS4",
    )
    assert (await Person.get(external_id="S3")).email is None
    assert await teams_of("S2") == ["Maths", "Pastoral"]
    assert sorted(await StaffTeam.all().values_list("name", flat=True)) == [
        "Maths",
        "Pastoral",
        "Senior Leadership",
        "Support",
    ]
    (event,) = await AuditEvent.filter(action="roster.imported")
    assert event.subject == "staff roster" and event.actor == "tests"
    assert event.data["staff"] == {"added": 3, "updated": 0, "unchanged": 0, "left": 0}
    assert event.data["file"] == "staff.csv" and event.data["no_email"] == 1
    assert await audit.verify("clearwell") == (1, None)


async def test_reimport_updates_in_place_by_mis_id(db):
    await make_school("clearwell")
    first = csv(
        STAFF,
        "S1,Mrs,Helen,Ashworth,h.ashworth@clearwell.example,Headteacher,Senior Leadership",
        "S2,Mr,Tomasz,Nowak,t.nowak@clearwell.example,Head of Maths,Maths; Pastoral",
    )
    await import_roster("clearwell", first, actor="tests")
    ids = dict(await Person.all().values_list("external_id", "id"))
    again = csv(
        STAFF,
        "S1,Mrs,Helen,Ashworth,h.ashworth@clearwell.example,Headteacher,Senior Leadership",
        "S2,Mr,Tom,Nowak,tom.nowak@clearwell.example,Deputy Head,senior leadership; maths",
    )
    report = await import_roster("clearwell", again, actor="tests")
    assert tallies(report) == {"staff": (0, 1, 1, 0)}
    assert dict(await Person.all().values_list("external_id", "id")) == ids
    nowak = await Person.get(external_id="S2")
    assert (nowak.full_name, nowak.email, nowak.role) == (
        "Tom Nowak",
        "tom.nowak@clearwell.example",
        "Deputy Head",
    )
    assert await teams_of("S2") == ["Maths", "Senior Leadership"]
    assert await StaffTeam.filter(name__iexact="maths").count() == 1


async def test_a_team_change_alone_counts_as_an_update(db):
    await make_school("clearwell")
    await import_roster(
        "clearwell", csv(STAFF, "S1,Ms,Ann,Lee,a@s.example,Teacher,Maths"), actor="t"
    )
    report = await import_roster(
        "clearwell", csv(STAFF, "S1,Ms,Ann,Lee,a@s.example,Teacher,Science"), actor="t"
    )
    assert tallies(report) == {"staff": (0, 1, 0, 0)}
    assert await teams_of("S1") == ["Science"]


async def test_columns_a_file_leaves_out_are_left_alone(db):
    await make_school("clearwell")
    await import_roster(
        "clearwell",
        csv(STAFF + ",Mobile", "S1,Ms,Ann,Lee,a@s.example,Teacher,Maths,07700 900001"),
        actor="t",
    )
    report = await import_roster(
        "clearwell", csv("Staff ID,Forename,Surname", "S1,Ann,Lee"), actor="t"
    )
    assert tallies(report) == {"staff": (0, 0, 1, 0)}
    ann = await Person.get(external_id="S1")
    assert (ann.email, ann.role, ann.phone) == ("a@s.example", "Teacher", "07700 900001")
    assert await teams_of("S1") == ["Maths"]


async def test_leavers_are_marked_left_and_their_open_invitations_revoked(db):
    await publish_seeds()
    roster = csv(
        STAFF,
        "S1,Mrs,Helen,Ashworth,h@clearwell.example,Headteacher,Senior Leadership",
        "S2,Mr,Tom,Nowak,t@clearwell.example,Teacher,Maths",
    )
    await import_roster("clearwell", roster, actor="tests")
    helen, tom = await Person.get(external_id="S1"), await Person.get(external_id="S2")
    stays, goes = await open_invitation(helen), await open_invitation(tom)
    earlier = await open_invitation(tom)
    earlier.revoked_at, earlier.revoked_reason = datetime.now(UTC), "replaced"
    await earlier.save()

    report = await import_roster("clearwell", csv(STAFF, roster_row(roster, 0)), actor="tests")

    assert tallies(report) == {"staff": (0, 0, 1, 1)} and report.invitations_revoked == 1
    await tom.refresh_from_db()
    assert tom.left_at is not None and await Person.filter(id=tom.id).exists()
    await goes.refresh_from_db()
    assert goes.revoked_at is not None and goes.revoked_reason == "left"
    await earlier.refresh_from_db()
    assert earlier.revoked_reason == "replaced"
    await stays.refresh_from_db()
    assert stays.revoked_at is None
    assert await teams_of("S2") == ["Maths"]  # kept as history
    event = await AuditEvent.filter(action="roster.imported").order_by("-seq").first()
    assert event is not None and event.data["invitations_revoked"] == 1


def roster_row(roster: Roster, n: int) -> str:
    s = roster.staff[n]  # type: ignore[union-attr]
    first, last = s.full_name.split(" ", 1)
    return f"{s.mis_id},{s.title},{first},{last},{s.email or ''},{s.role},{';'.join(s.teams)}"


async def test_someone_who_comes_back_has_left_at_cleared(db):
    await make_school("clearwell")
    both = csv(
        STAFF, "S1,Ms,Ann,Lee,a@s.example,Teacher,Maths", "S2,Mr,Bo,Ray,b@s.example,TA,Support"
    )
    await import_roster("clearwell", both, actor="t")
    await import_roster(
        "clearwell", csv(STAFF, "S1,Ms,Ann,Lee,a@s.example,Teacher,Maths"), actor="t"
    )
    assert (await Person.get(external_id="S2")).left_at is not None
    report = await import_roster("clearwell", both, actor="t")
    assert tallies(report) == {"staff": (0, 1, 1, 0)}
    assert (await Person.get(external_id="S2")).left_at is None
    assert await Person.filter(external_id="S2").count() == 1


async def test_pupils_siblings_two_parents_and_a_parent_without_email(db):
    await make_school("clearwell")
    report = await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="tests")
    assert tallies(report) == {
        "pupils": (3, 0, 0, 0),
        "parents": (3, 0, 0, 0),
        "guardianships": (5, 0, 0, 0),
    }
    chidi = await Person.get(kind="parent", external_id="20420")
    assert chidi.email is None and chidi.full_name == "Chidi Okafor"
    children = await Guardianship.filter(parent=chidi).prefetch_related("pupil")
    assert sorted(g.pupil.full_name for g in children) == ["Chioma Okafor", "Emeka Okafor"]
    assert {(g.relationship, g.priority, g.parental_responsibility) for g in children} == {
        ("Father", 2, True)
    }
    emeka = await Pupil.get(external_id="003502")
    assert (emeka.year_group, emeka.form) == ("Year 7", "7B")
    assert await Guardianship.filter(pupil=emeka).count() == 2


async def test_pupil_leavers_and_moves_on_reimport(db):
    await publish_seeds()
    await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="tests")
    jo = await Person.get(kind="parent", external_id="20423")
    ngozi = await Person.get(kind="parent", external_id="20417")
    jo_invited, ngozi_invited = await open_invitation(jo), await open_invitation(ngozi)
    moved_up = [r.replace("Year 7,7B", "Year 8,8B").replace(",Yes,2,", ",No,2,") for r in FAMILIES]

    # Ann leaves with her mother; Chioma leaves too, but Emeka keeps both parents here.
    report = await import_roster("clearwell", csv(PUPILS, *moved_up[2:4]), actor="tests")

    assert tallies(report) == {
        "pupils": (0, 1, 0, 2),
        "parents": (0, 0, 2, 1),
        "guardianships": (0, 1, 1, 3),
    }
    assert report.invitations_revoked == 1
    emeka = await Pupil.get(external_id="003502")
    assert (emeka.year_group, emeka.form, emeka.left_at) == ("Year 8", "8B", None)
    assert (await Pupil.get(external_id="003501")).left_at is not None
    await jo.refresh_from_db()
    await ngozi.refresh_from_db()
    assert jo.left_at is not None and ngozi.left_at is None
    await jo_invited.refresh_from_db()
    await ngozi_invited.refresh_from_db()
    assert jo_invited.revoked_reason == "left" and ngozi_invited.revoked_at is None
    chidi_emeka = await Guardianship.get(parent__external_id="20420", pupil=emeka)
    assert chidi_emeka.parental_responsibility is False and chidi_emeka.left_at is None
    assert await Guardianship.filter(left_at__isnull=False).count() == 3
    assert await Pupil.all().count() == 3 and await Guardianship.all().count() == 5


async def test_a_staff_import_never_touches_parents_or_pupils_and_vice_versa(db):
    school = await make_school("clearwell")
    pupil = await make_pupil(school)
    parent = await make_parent(school, pupil)
    await import_roster(
        "clearwell", csv(STAFF, "S1,Ms,Ann,Lee,a@s.example,Teacher,Maths"), actor="t"
    )
    await parent.refresh_from_db()
    await pupil.refresh_from_db()
    assert parent.left_at is None and pupil.left_at is None

    await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="t")
    assert (await Person.get(kind="staff", external_id="S1")).left_at is None
    await parent.refresh_from_db()
    assert parent.left_at is not None  # the pupils file is the whole list of parents


async def test_an_import_belongs_to_one_school(db):
    await make_school("clearwell")
    other = await make_school("stockham")
    stockham_parent = await make_parent(other, await make_pupil(other))
    await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="t")
    await stockham_parent.refresh_from_db()
    assert stockham_parent.left_at is None
    assert await Person.filter(school=other).count() == 1


async def test_a_dry_run_reports_changes_and_saves_nothing(db):
    await make_school("clearwell")
    report = await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="t", dry_run=True)
    assert not report.saved and tallies(report)["pupils"] == (3, 0, 0, 0)
    assert await Pupil.all().count() == 0 and await Person.all().count() == 0
    assert await AuditEvent.all().count() == 0


async def test_an_unknown_school_is_refused_before_anything_is_written(db):
    await make_school("clearwell")
    with pytest.raises(UnknownSchool, match=r'no school "nowhere" \(schools: clearwell\)'):
        await import_roster("nowhere", csv(PUPILS, *FAMILIES), actor="t")
    assert await Person.all().count() == 0


async def test_a_refused_file_leaves_the_database_untouched(db):
    await make_school("clearwell")
    await import_roster("clearwell", csv(PUPILS, *FAMILIES), actor="t")
    before = await _snapshot()
    bad = "\r\n".join([PUPILS, *FAMILIES[:-1], FAMILIES[-1].replace("Year 8", "Year 80")]).encode()
    with pytest.raises(click.ClickException, match="1 problem; nothing imported"):
        check_file("pupils.csv", bad)
    assert await _snapshot() == before


async def _snapshot() -> list[object]:
    return [
        await Person.all().order_by("id").values(),
        await Pupil.all().order_by("id").values(),
        await Guardianship.all().order_by("id").values(),
        await AuditEvent.all().count(),
    ]


def families(*numbers: int) -> list[str]:
    """One pupil with one parent per number, as a pupils-with-contacts export lists them."""
    return [
        f"{n:06d},Pupil{n},Ann,Year 7,7A,C{n},Jo,Parent{n},Mother,Yes,1,p{n}@home.example"
        for n in numbers
    ]


def staff_rows(*numbers: int) -> list[str]:
    return [f"S{n},Ms,Ann,Lee{n},s{n}@s.example,Teacher,Maths" for n in numbers]


async def test_a_partial_export_is_refused_and_changes_nothing(db):
    await publish_seeds()
    await import_roster("clearwell", csv(PUPILS, *families(*range(1, 11))), actor="t")
    parent = await Person.get(kind="parent", external_id="C10")
    invited = await open_invitation(parent)
    before = await _snapshot()

    one_form = csv(PUPILS, *families(1, 2, 3))
    with pytest.raises(TooManyLeavers) as refused:
        await import_roster("clearwell", one_form, actor="t")

    assert str(refused.value) == (
        "This file would mark 7 of 10 current pupils and 7 of 10 current parents as left."
    )
    assert await _snapshot() == before
    await invited.refresh_from_db()
    assert invited.revoked_at is None


async def test_allow_leavers_lets_a_large_leaving_through_and_says_so_in_the_audit(db):
    await make_school("clearwell")
    await import_roster("clearwell", csv(PUPILS, *families(*range(1, 11))), actor="t")
    one_form = csv(PUPILS, *families(1, 2, 3))
    report = await import_roster("clearwell", one_form, actor="t", allow_leavers=True)
    assert report.saved and tallies(report)["pupils"] == (0, 0, 3, 7)
    assert await Pupil.filter(left_at__isnull=False).count() == 7
    event = await AuditEvent.filter(action="roster.imported").order_by("-seq").first()
    assert event is not None and event.data["leavers_allowed"] is True


async def test_earlier_leavers_are_not_counted_as_current(db):
    await make_school("clearwell")
    await import_roster("clearwell", csv(STAFF, *staff_rows(*range(1, 13))), actor="t")
    report = await import_roster("clearwell", csv(STAFF, *staff_rows(*range(1, 10))), actor="t")
    assert tallies(report) == {"staff": (0, 0, 9, 3)}  # three is never too many
    event = await AuditEvent.filter(action="roster.imported").order_by("-seq").first()
    assert event is not None and "leavers_allowed" not in event.data
    with pytest.raises(TooManyLeavers, match="6 of 9 current staff"):
        await import_roster("clearwell", csv(STAFF, *staff_rows(1, 2, 3)), actor="t")


async def test_five_leavers_are_never_too_many(db):
    await make_school("clearwell")
    await import_roster("clearwell", csv(STAFF, *staff_rows(*range(1, 7))), actor="t")
    report = await import_roster("clearwell", csv(STAFF, *staff_rows(1)), actor="t")
    assert tallies(report) == {"staff": (0, 0, 1, 5)}


async def test_a_dry_run_reports_the_leavers_instead_of_refusing(db, capsys):
    await make_school("clearwell")
    await import_roster("clearwell", csv(PUPILS, *families(*range(1, 11))), actor="t")
    before = await _snapshot()
    data = "\r\n".join([PUPILS, *families(1, 2, 3)]).encode()
    roster = check_file("year7.csv", data)
    report = await run_import("clearwell", roster, "year7.csv", data, dry_run=True)
    assert not report.saved
    assert report.leavers == [Leavers("pupils", 7, 10), Leavers("parents", 7, 10)]
    echo_report(report, roster, "year7.csv")
    out = capsys.readouterr().out
    assert "  would mark as left: 7 of 10 current pupils, 7 of 10 current parents" in out
    assert (
        "This file would mark 7 of 10 current pupils and 7 of 10 current parents as left. "
        "Without --allow-leavers the import stops there."
    ) in out
    assert await _snapshot() == before


async def test_the_command_refuses_a_partial_export_naming_the_flag(db, capsys):
    await make_school("clearwell")
    await import_roster("clearwell", csv(STAFF, *staff_rows(*range(1, 41))), actor="t")
    before = await _snapshot()
    data = "\r\n".join([STAFF, *staff_rows(*range(1, 21))]).encode()
    roster = check_file("staff.csv", data)
    with pytest.raises(click.ClickException) as refused:
        await run_import("clearwell", roster, "staff.csv", data)
    assert refused.value.message == (
        "This file would mark 20 of 40 current staff as left. "
        "If that is right, run again with --allow-leavers."
    )
    assert "staff.csv was not imported; nothing was saved." in capsys.readouterr().err
    assert await _snapshot() == before
    report = await run_import("clearwell", roster, "staff.csv", data, allow_leavers=True)
    assert tallies(report) == {"staff": (0, 0, 20, 20)}


def test_the_command_takes_allow_leavers_end_to_end(tmp_path: Path):
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'roster.sqlite3'}",
    }
    whole, part = tmp_path / "staff.csv", tmp_path / "maths.csv"
    whole.write_text("\r\n".join([STAFF, *staff_rows(*range(1, 9))]), encoding="utf-8")
    part.write_text("\r\n".join([STAFF, *staff_rows(1)]), encoding="utf-8")

    def signoff(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "portal", "roster", "import", "--school", "clearwell"]
        run = [*command, *map(str, args)]
        return subprocess.run(run, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert signoff(whole).returncode == 0
    refused = signoff(part)
    assert refused.returncode == 1
    assert "This file would mark 7 of 8 current staff as left. If that is right" in refused.stderr
    assert "would mark as left: 7 of 8 current staff" in signoff("--dry-run", part).stdout
    allowed = signoff("--allow-leavers", part)
    assert allowed.returncode == 0 and "1 unchanged, 7 left" in allowed.stdout


def test_the_command_exits_non_zero_listing_every_problem(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SIGNOFF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SIGNOFF_DATABASE_URL", f"sqlite://{tmp_path / 'never-opened.sqlite3'}")
    bad = tmp_path / "pupils.csv"
    rows = [
        FAMILIES[0].replace("ngozi@home.example", "ngozi@"),
        FAMILIES[4].replace("Year 8", "Y80"),
    ]
    bad.write_text("\r\n".join([PUPILS, *rows]), encoding="utf-8")
    result = CliRunner().invoke(main, ["roster", "import", "--school", "clearwell", str(bad)])
    assert result.exit_code == 1
    assert 'line 2, column "Primary Email": "ngozi@" is not an email address' in result.output
    assert 'line 3, column "Year": "Y80" is not a year group' in result.output
    assert "2 problems; nothing imported" in result.output
    assert not (tmp_path / "never-opened.sqlite3").exists()


async def test_the_summary_lists_contacts_who_need_the_paper_route(db, capsys):
    await make_school("clearwell")
    data = "\r\n".join([PUPILS, *FAMILIES]).encode()
    roster = check_file("pupils.csv", data)
    report = await run_import("clearwell", roster, "pupils.csv", data)
    echo_report(report, roster, "pupils.csv")
    out = capsys.readouterr().out
    assert "pupils         3 added, 0 updated, 0 unchanged, 0 left" in out
    assert "No email, so these need the paper route (1):" in out
    assert "line 3: Chidi Okafor (contact 20420) for Chioma Okafor 9A, Emeka Okafor 7B" in out
    (event,) = await AuditEvent.filter(action="roster.imported")
    assert event.data["file"] == "pupils.csv" and len(str(event.data["sha256"])) == 64


async def test_the_demo_loads_twice_without_changing_anything(db):
    await publish_seeds()
    first = await import_demo()
    assert [tallies(r) for r in first] == [
        {"staff": (12, 0, 0, 0)},
        {"pupils": (40, 0, 0, 0), "parents": (58, 0, 0, 0), "guardianships": (74, 0, 0, 0)},
    ]
    before, events = await _snapshot(), await AuditEvent.filter(action="roster.imported").count()
    second = await import_demo()
    assert all(not r.changed for r in second)
    assert await _snapshot() == before
    assert await AuditEvent.filter(action="roster.imported").count() == events == 2
    assert sorted(await StaffTeam.all().values_list("name", flat=True)) == [
        "English",
        "Maths",
        "Pastoral",
        "Science",
        "Senior Leadership",
        "Support",
    ]
    assert await Person.filter(kind="parent", email__isnull=True).count() == 5
    assert len(set(await Pupil.all().values_list("year_group", flat=True))) == 5


def test_signoff_demo_opens_its_own_database_and_is_idempotent(tmp_path: Path):
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'demo.sqlite3'}",
    }
    runs = [
        subprocess.run(
            [sys.executable, "-m", "portal", "demo"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert "staff 12 (12 new)" in runs[0] and "pupils 40 (40 new)" in runs[0]
    assert "staff 12 (0 new)" in runs[1] and "guardianships 74 (0 new)" in runs[1]


def test_the_commands_help_gives_the_partial_export_rule_it_applies():
    result = CliRunner().invoke(main, ["roster", "import", "--help"])
    text = " ".join(result.output.split())
    assert "marks more than 35 % (and more than 5 people) of the current staff" in text
    assert "20 %" not in text


def test_the_command_asks_for_the_rows_or_the_file_to_be_fixed(capsys):
    bad_rows = "\r\n".join([STAFF, "S1,Ms,Ann,Lee,not-an-email,Teacher,Maths"]).encode()
    with pytest.raises(click.ClickException):
        check_file("staff.csv", bad_rows)
    assert "staff.csv was not imported. Fix these rows and" in capsys.readouterr().err
    # Neither a staff nor a pupil export: no row can be fixed on its own.
    headings = "\r\n".join(["Name,Colour", "Ann,Blue"]).encode()
    with pytest.raises(click.ClickException):
        check_file("staff.csv", headings)
    assert "staff.csv was not imported. Fix the file and" in capsys.readouterr().err
