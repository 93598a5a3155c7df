"""Reading MIS exports as offices really produce them: Excel's quirks, aliases, and bad rows."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from portal.core.roster import (
    NO_ROWS,
    PUPIL_COLUMNS,
    STAFF_COLUMNS,
    Leavers,
    PupilRoster,
    RosterKind,
    RosterProblem,
    RosterRefused,
    StaffRoster,
    leavers_refusal,
    read_roster,
    year_group,
)

PUPIL_HEADER = (
    "Adno,Legal Surname,Legal Forename,Year,Reg,Contact ID,Contact Title,Contact Forename,"
    "Contact Surname,Relationship,Parental Responsibility,Priority,Primary Email"
)


def excel(*lines: str, bom: bool = True, encoding: str = "utf-8") -> bytes:
    """What Excel writes: CRLF line ends, and a BOM for "CSV UTF-8"."""
    text = "\r\n".join(lines) + "\r\n"
    return (codecs.BOM_UTF8 if bom and encoding == "utf-8" else b"") + text.encode(encoding)


def staff(data: bytes, **options: object) -> StaffRoster:
    roster = read_roster(data, **options)  # type: ignore[arg-type]
    assert isinstance(roster, StaffRoster)
    return roster


def pupils(data: bytes, **options: object) -> PupilRoster:
    roster = read_roster(data, **options)  # type: ignore[arg-type]
    assert isinstance(roster, PupilRoster)
    return roster


def refused(data: bytes, **options: object) -> list[RosterProblem]:
    with pytest.raises(RosterRefused) as caught:
        read_roster(data, **options)  # type: ignore[arg-type]
    return caught.value.problems


def test_sims_staff_export_with_bom_crlf_and_excel_quoting():
    roster = staff(
        excel(
            "Staff ID,Title,Legal Forename,Legal Surname,Work Email,Job Title,Staff Teams",
            'CW1,Mrs,Helen,Ashworth,H.Ashworth@Clearwell.example,Headteacher,"Senior Leadership"',
            'CW2,Ms,Priya,Raman,p.raman@clearwell.example,"Assistant Head, DSL","Senior '
            'Leadership; Pastoral"',
            'CW3,Miss,Siobhán,"O\'Connor ""Shiv""",s.oconnor@clearwell.example,Teacher,English',
        )
    )
    first, second, third = roster.staff
    assert (first.mis_id, first.full_name, first.email) == (
        "CW1",
        "Helen Ashworth",
        "h.ashworth@clearwell.example",
    )
    assert first.title == "Mrs" and first.teams == ("Senior Leadership",)
    assert second.role == "Assistant Head, DSL"
    assert second.teams == ("Senior Leadership", "Pastoral")
    assert third.full_name == 'Siobhán O\'Connor "Shiv"'
    assert roster.kind is RosterKind.STAFF and roster.without_email == ()


def test_arbor_style_staff_headers_are_recognised_whatever_their_case_and_punctuation():
    roster = staff(
        excel(
            "  staff_mis_id ,FIRST NAME,Last-Name,E-mail Address,Job title,Department(s)",
            "77,Tom,Jones,tom@school.example,Teacher,Maths | Science",
            bom=False,
        )
    )
    (member,) = roster.staff
    assert (member.mis_id, member.full_name, member.email) == (
        "77",
        "Tom Jones",
        "tom@school.example",
    )
    assert member.teams == ("Maths", "Science")
    assert "teams" in roster.provided and "phone" not in roster.provided


def test_a_full_name_column_in_surname_first_form_is_turned_round():
    roster = staff(excel("Staff ID,Name,Email", '1,"Smith, Jane",', "2,Tom Jones,"))
    assert [s.full_name for s in roster.staff] == ["Jane Smith", "Tom Jones"]
    assert [s.mis_id for s in roster.without_email] == ["1", "2"]


def test_a_member_listed_once_per_team_is_merged():
    roster = staff(
        excel(
            "Staff ID,Forename,Surname,Email,Role,Team",
            "1,Fatima,Hussain,f@s.example,Teacher of Maths,Maths",
            "1,Fatima,Hussain,f@s.example,Head of Year 9,Pastoral",
        )
    )
    (member,) = roster.staff
    assert member.teams == ("Maths", "Pastoral")
    assert member.role == "Teacher of Maths, Head of Year 9"


def test_pupils_with_contacts_siblings_two_parents_and_no_email():
    roster = pupils(
        excel(
            PUPIL_HEADER,
            "003501,Okafor,Chioma,Year 9,9A,C1,Mrs,Ngozi,Okafor,Mother,Yes,1,ngozi@home.example",
            "003501,Okafor,Chioma,Year 9,9A,C2,Mr,Chidi,Okafor,Father,Y,2,",
            "003502,Okafor,Emeka,Y9,9B,C1,Mrs,Ngozi,Okafor,Mother,True,1,ngozi@home.example",
            "003502,Okafor,Emeka,Y9,9B,C2,Mr,Chidi,Okafor,Father,1,2,",
            "003503,Williams,Lily,7,7B,C3,Mr,Mark,Evans,Step-father,No,3,mark@home.example",
        )
    )
    assert [(p.mis_id, p.full_name, p.year_group, p.form) for p in roster.pupils] == [
        ("003501", "Chioma Okafor", "Year 9", "9A"),
        ("003502", "Emeka Okafor", "Year 9", "9B"),
        ("003503", "Lily Williams", "Year 7", "7B"),
    ]
    assert [(c.mis_id, c.full_name, c.email) for c in roster.contacts] == [
        ("C1", "Ngozi Okafor", "ngozi@home.example"),
        ("C2", "Chidi Okafor", None),
        ("C3", "Mark Evans", "mark@home.example"),
    ]
    assert len(roster.guardianships) == 5
    step = roster.guardianships[-1]
    assert (step.relationship, step.parental_responsibility, step.priority) == (
        "Step-father",
        False,
        3,
    )
    assert all(g.parental_responsibility for g in roster.guardianships[:4])
    assert [c.mis_id for c in roster.without_email] == ["C2"]
    children = roster.pupils_by_contact()
    assert [p.full_name for p in children["C2"]] == ["Chioma Okafor", "Emeka Okafor"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Year 4", "Year 4"),
        ("Y4", "Year 4"),
        ("4", "Year 4"),
        ("Yr 04", "Year 4"),
        ("year  10", "Year 10"),
        ("NC Year 11", "Year 11"),
        ("Reception", "Reception"),
        ("R", "Reception"),
        ("YR", "Reception"),
        ("Nursery", "Nursery"),
        ("N2", "Nursery"),
        ("L6", "Year 12"),
        ("Upper Sixth", "Year 13"),
        ("Year 42", None),
        ("Y14", None),
        ("Form 4", None),
        ("", None),
    ],
)
def test_year_groups_as_schools_write_them(given: str, expected: str | None):
    assert year_group(given) == expected


def test_line_numbers_are_spreadsheet_rows_even_after_a_cell_with_line_breaks():
    data = excel(
        "Staff ID,Forename,Surname,Email,Job Title",
        '1,Ann,Lee,ann@s.example,"Teacher\r\nand Head of House, Wye"',
        "2,Bob,Ray,bob@,Teacher",
    )
    (problem,) = refused(data)
    assert str(problem) == 'line 3, column "Email": "bob@" is not an email address'


def test_windows_1252_from_excel_on_a_uk_pc_is_read_not_refused():
    data = excel(
        "Staff ID,Forename,Surname,Email,Job Title",
        "1,Siân,O’Neill,sian@s.example,Teacher – Maths",
        "2,Zoë,Brontë,zoe@s.example,£ bursar",
        encoding="cp1252",
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    roster = staff(data)
    assert [s.full_name for s in roster.staff] == ["Siân O’Neill", "Zoë Brontë"]
    assert roster.staff[0].role == "Teacher – Maths" and roster.staff[1].role == "£ bursar"


def test_utf16_tab_separated_unicode_text_is_read():
    text = "Staff ID\tForename\tSurname\tEmail\r\n1\tZoë\tClarke\tzoe@s.example\r\n"
    roster = staff(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert roster.staff[0].full_name == "Zoë Clarke"


def test_blank_rows_whitespace_and_excel_text_ids_are_tidied():
    roster = staff(
        excel(
            "Staff ID , Forename,Surname ,Email",
            '="00123",  Jane ,  Smith   Jones ,  JANE@S.EXAMPLE  ',
            ",,,",
            "",
            "124,Tom,Lee,",
            "",
            "",
        )
    )
    assert [(s.mis_id, s.full_name, s.email) for s in roster.staff] == [
        ("00123", "Jane Smith Jones", "jane@s.example"),
        ("124", "Tom Lee", None),
    ]


def test_a_column_mapping_reads_headers_the_importer_does_not_know():
    data = excel(
        "Child Ref,Surname,Forename,Year,Form,Carer Ref,Carer,Email,Work Email",
        "P1,Lee,Ann,Year 4,4B,K1,Mrs Jo Lee,,jo@work.example",
    )
    mapping = {"Child Ref": "pupil_id", "carer ref": "contact_id", "Carer": "contact_name"}
    with_work = {**mapping, "Email": "ignore", "Work Email": "email"}
    assert pupils(data, mapping=mapping).contacts[0].email is None
    (contact,) = pupils(data, mapping=with_work).contacts
    assert (contact.mis_id, contact.full_name, contact.email) == (
        "K1",
        "Mrs Jo Lee",
        "jo@work.example",
    )


def test_a_mapping_to_an_unknown_field_or_a_missing_column_is_refused():
    data = excel("Staff ID,Forename,Surname", "1,Ann,Lee")
    problems = refused(data, mapping={"Forename": "given_name", "Colour": "role"})
    assert [(p.line, p.column) for p in problems] == [(1, "Forename"), (1, "Colour")]
    assert "not a staff field" in problems[0].problem
    assert "does not have" in problems[1].problem


def test_the_kind_can_be_forced_when_headers_do_not_tell():
    data = excel("Code,Name,Email", "JBL,Jo Bell,jo@s.example")
    assert "--kind" in refused(data)[0].problem
    roster = staff(data, kind=RosterKind.STAFF, mapping={"Code": "staff_id"})
    assert roster.staff[0].mis_id == "JBL"


def test_a_missing_required_column_is_named_with_headers_that_would_do():
    (problem,) = refused(excel("Adno,Surname,Forename,Reg,Contact ID,Contact Name", "1,A,B,4B,C,D"))
    assert problem.line == 1
    assert "year group" in problem.problem and '"Year Group"' in problem.problem


def test_every_bad_row_is_reported_and_nothing_is_accepted():
    data = excel(
        PUPIL_HEADER,
        "1,Lee,Ann,Year 4,4B,C1,Mrs,Jo,Lee,Mother,Yes,1,jo@home.example",  # line 2: good
        ",Lee,Bob,Year 4,4B,C1,Mrs,Jo,Lee,Mother,Yes,1,jo@home.example",  # 3: no pupil id
        "3,Ray,Cat,Year 42,4B,C2,Mr,Al,Ray,Father,Maybe,first,al@",  # 4: year, PR, priority, email
        "1,Leigh,Ann,Year 5,4B,C3,Ms,Di,Fox,Carer,No,2,di@home.example",  # 5: pupil 1 differs
        "4,Fox,Dan,Year 6,6A,C1,Mrs,Joanne,Lee,Mother,Yes,1,jo@other.example",  # 6: contact differs
        "5,Fox,Eve,Year 6,6A,,,,,Aunt,,,eve@home.example",  # 7: a contact with no id or name
        "6,,Fay,Year 6,6A,C4,Mr,,,Father,Yes,1,",  # 8: pupil surname, contact name missing
        "7,Gray,Gus,Year 6,6A,C5,Mr,Hal,Gray,Father,Yes,1,hal@home.example,extra",  # 9: extra value
    )
    problems = refused(data)
    found = {(p.line, p.column) for p in problems}
    assert found == {
        (3, "Adno"),
        (4, "Year"),
        (4, "Parental Responsibility"),
        (4, "Priority"),
        (4, "Primary Email"),
        (5, "Legal Surname"),
        (5, "Year"),
        (6, "Contact Forename"),
        (6, "Primary Email"),
        (7, "Contact ID"),
        (7, "Contact Surname"),
        (8, "Legal Surname"),
        (8, "Contact Surname"),
        (9, ""),
    }
    messages = {(p.line, p.column): p.problem for p in problems}
    assert messages[(4, "Primary Email")] == '"al@" is not an email address'
    assert messages[(4, "Year")].startswith('"Year 42" is not a year group')
    assert messages[(5, "Legal Surname")] == 'pupil 1 has "Leigh" here but "Lee" on line 2'
    assert messages[(6, "Primary Email")] == (
        'contact C1 has "jo@other.example" here but "jo@home.example" on line 2'
    )
    assert messages[(3, "Adno")] == "is empty but required"
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_staff_sharing_an_email_or_a_value_too_long_to_store_are_refused():
    data = excel(
        "Staff ID,Forename,Surname,Email,Role",
        "1,Ann,Lee,office@s.example,Admin",
        "2,Bob,Ray,office@s.example," + "x" * 121,
        "1,Anne,Lee,office@s.example,Admin",
    )
    problems = {(p.line, p.column): p.problem for p in refused(data)}
    assert problems[(3, "Email")].startswith(
        '"office@s.example" is also the email of staff member 1'
    )
    assert problems[(3, "Role")] == "is longer than 120 characters"
    assert problems[(4, "Forename")] == 'staff member 1 has "Anne" here but "Ann" on line 2'


def test_the_same_pupil_and_contact_twice_is_fine_unless_the_details_differ():
    same = "1,Lee,Ann,Year 4,4B,C1,Mrs,Jo,Lee,Mother,Yes,1,jo@home.example"
    assert len(pupils(excel(PUPIL_HEADER, same, same)).guardianships) == 1
    differs = same.replace("Mother,Yes,1", "Mother,No,1")
    (problem,) = refused(excel(PUPIL_HEADER, same, differs))
    assert (problem.line, problem.column) == (3, "Parental Responsibility")


def test_pr_and_priority_defaults():
    without = pupils(
        excel(
            "Pupil ID,Forename,Surname,Year Group,Contact ID,Contact Name",
            "1,Ann,Lee,4,A,Jo Lee",
            "1,Ann,Lee,4,B,Al Lee",
        )
    )
    assert [(g.parental_responsibility, g.priority) for g in without.guardianships] == [
        (True, 1),
        (True, 2),
    ]
    blank = pupils(
        excel(
            "Pupil ID,Forename,Surname,Year Group,Contact ID,Contact Name,PR,Priority",
            "1,Ann,Lee,4,A,Jo Lee,,",
        )
    )
    assert blank.guardianships[0].parental_responsibility is False


def test_a_pupil_listed_without_contacts_is_kept_and_reported():
    roster = pupils(
        excel(
            PUPIL_HEADER,
            "1,Lee,Ann,Year 4,4B,,,,,,,,",
            "2,Ray,Bob,Year 4,4B,C1,Mrs,Jo,Ray,Mother,Yes,1,jo@home.example",
        )
    )
    assert [p.mis_id for p in roster.pupils] == ["1", "2"]
    assert [p.mis_id for p in roster.without_contacts] == ["1"]


def test_contacts_named_by_title_and_surname_only():
    roster = pupils(
        excel(
            "UPN,Forename,Surname,Year,Contact Number,Title,Contact Surname",
            "A1,Ann,Lee,4,C1,Mrs,Lee",
        )
    )
    assert roster.contacts[0].full_name == "Mrs Lee"


@pytest.mark.parametrize(
    ("data", "line", "says"),
    [
        (b"", 1, "the file is empty"),
        (b"\r\n\r\n", 1, "the file is empty"),
        (excel("Staff ID,Forename,Surname,Email"), 2, NO_ROWS),
        (b"PK\x03\x04\x14\x00rest-of-a-workbook", 1, "Excel workbook"),
    ],
)
def test_files_with_nothing_to_import_are_refused(data: bytes, line: int, says: str):
    (problem,) = refused(data)
    assert problem.line == line and says in problem.problem


def test_an_unclosed_quote_is_refused_rather_than_swallowing_the_rows_after_it():
    data = excel("Staff ID,Forename,Surname", "1,Ann,Lee", '2,"Bob,Ray', "3,Cat,Fox", "4,Dan,Gee")
    (problem,) = refused(data)
    assert problem.line == 3 and "never closed" in problem.problem


def test_progress_is_reported_to_the_last_row():
    rows = [f"{n},Ann,Lee{n},a{n}@s.example" for n in range(1, 1201)]
    seen: list[tuple[int, int]] = []
    staff(
        excel("Staff ID,Forename,Surname,Email", *rows), progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_the_documentation_lists_every_accepted_header():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "roster.md").read_text(encoding="utf-8")
    staff_part, pupil_part = doc.split("### Staff", 1)[1].split("### Pupils with contacts", 1)
    for part, columns in ((staff_part, STAFF_COLUMNS), (pupil_part, PUPIL_COLUMNS)):
        for column in columns:
            row = next(r for r in part.splitlines() if r.startswith(f"| `{column.field}` |"))
            assert row.endswith(" | " + ", ".join(column.aliases) + " |"), column.field


@pytest.mark.parametrize(
    ("left", "current", "too_many"),
    [
        (0, 0, False),
        (9, 30, False),  # Year 11 and 13 leaving in September: under 35 %
        (10, 30, False),  # a third is not more than 35 %
        (11, 30, True),
        (5, 5, False),  # everyone, but only five: a small staff room's summer
        (6, 6, True),
        (6, 17, True),
        (212, 240, True),
    ],
)
def test_a_partial_export_is_more_than_35_percent_and_more_than_five(
    left: int, current: int, too_many: bool
):
    assert Leavers("pupils", left, current).too_many is too_many


def test_the_refusal_names_every_kind_of_people_over_the_limit():
    pupils_only = [Leavers("pupils", 212, 240), Leavers("parents", 3, 300)]
    assert leavers_refusal(pupils_only) == "This file would mark 212 of 240 current pupils as left."
    both = [Leavers("pupils", 212, 240), Leavers("parents", 280, 330)]
    assert leavers_refusal(both) == (
        "This file would mark 212 of 240 current pupils and 280 of 330 current parents as left."
    )
    assert leavers_refusal([Leavers("staff", 2, 80)]) is None


def test_a_misspelt_mapping_is_named_even_when_it_leaves_the_kind_unknown():
    data = excel("Staff Ref,Forename,Surname", "1,Ann,Lee")
    problems = refused(data, mapping={"Staff Ref": "staf_id"})
    assert (problems[0].line, problems[0].column) == (1, "Staff Ref")
    assert '--map gives "staf_id", not a field' in problems[0].problem
    assert "staff_id" in problems[0].problem
    assert "--kind" in problems[-1].problem
