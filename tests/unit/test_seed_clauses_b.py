"""The Clearwell and Stockham seed policies parse into the clauses the documents print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from portal.core.agreements import Anchor, Audience, Clause, Renewal, SignerRule
from portal.core.documents import VersionFile, parse_version_file

AGREEMENTS = Path(__file__).resolve().parents[2] / "agreements"
CLEARWELL_STAFF = AGREEMENTS / "clearwell" / "staff-social-media" / "2024-09.md"
CLEARWELL_PLEDGE = AGREEMENTS / "clearwell" / "parents-social-media-pledge" / "2024-09.md"
STOCKHAM_STAFF = AGREEMENTS / "stockham" / "staff-social-media" / "2016-09.md"
ALL = [CLEARWELL_STAFF, CLEARWELL_PLEDGE, STOCKHAM_STAFF]

DEBRIS = ("[bookmark", "[image", "|_|", "\t", "\uf0b7", "\uf0a7", "\u2002", "·", "  ")


def parsed(path: Path) -> VersionFile:
    return parse_version_file(path)


def by_ref(path: Path) -> dict[str, Clause]:
    return {c.ref: c for c in parsed(path).version.clauses}


@pytest.mark.parametrize(
    ("path", "count"), [(CLEARWELL_STAFF, 84), (CLEARWELL_PLEDGE, 5), (STOCKHAM_STAFF, 102)]
)
def test_clause_counts(path: Path, count: int) -> None:
    assert len(parsed(path).version.clauses) == count


@pytest.mark.parametrize("path", ALL)
def test_every_reference_is_unique(path: Path) -> None:
    refs = [c.ref for c in parsed(path).version.clauses]
    assert len(refs) == len(set(refs))


@pytest.mark.parametrize("path", ALL)
def test_no_export_debris_in_clauses(path: Path) -> None:
    for clause in parsed(path).version.clauses:
        for bad in DEBRIS:
            assert bad not in clause.text, (clause.ref, bad)
            assert bad not in clause.heading, (clause.ref, bad)
        assert clause.text.strip() == clause.text and clause.text


def test_front_matter() -> None:
    staff = parsed(CLEARWELL_STAFF)
    assert (staff.title, staff.audience, staff.renewal, staff.anchor) == (
        "Social Media Policy",
        Audience.STAFF,
        Renewal.ANNUAL,
        Anchor.ACADEMIC_YEAR,
    )
    assert (staff.version.label, staff.version.effective, staff.version.material) == (
        "2024-09",
        date(2024, 9, 1),
        True,
    )

    pledge = parsed(CLEARWELL_PLEDGE)
    assert (pledge.title, pledge.audience, pledge.signers, pledge.renewal, pledge.anchor) == (
        "Parents' Social Media Pledge",
        Audience.PARENT,
        SignerRule.ANY,
        Renewal.ANNUAL,
        Anchor.ACADEMIC_YEAR,
    )
    assert (pledge.version.label, pledge.version.effective, pledge.version.material) == (
        "2024-09",
        date(2024, 9, 1),
        True,
    )
    assert "parents' social media pledge" in pledge.version.statement

    stockham = parsed(STOCKHAM_STAFF)
    assert (stockham.audience, stockham.renewal, stockham.anchor) == (
        Audience.STAFF,
        Renewal.BIENNIAL,
        Anchor.ACADEMIC_YEAR,
    )
    assert (stockham.version.label, stockham.version.effective) == ("2016-09", date(2016, 9, 1))
    assert "Stockham Primary School" in stockham.version.statement


def test_school_files_name_the_contacts() -> None:
    clearwell = yaml.safe_load((AGREEMENTS / "clearwell" / "school.yaml").read_text("utf-8"))
    stockham = yaml.safe_load((AGREEMENTS / "stockham" / "school.yaml").read_text("utf-8"))
    assert clearwell["name"] == "Clearwell School"
    assert stockham["name"] == "Stockham Primary School"
    for school in (clearwell, stockham):
        assert school["timezone"] == "Europe/London"
        assert set(school["contacts"]) == {"questions", "safeguarding"}
    assert clearwell["contacts"]["questions"] == (
        "your Communications Manager (or appropriate manager)"
    )
    assert stockham["contacts"]["questions"] == "the Head Teacher"


# Clearwell ---------------------------------------------------------------------------------


def test_clearwell_repeated_numbers_keep_printed_number_and_get_distinct_refs() -> None:
    clauses = by_ref(CLEARWELL_STAFF)
    for ref in ("6.2", "6.2b", "6.3", "6.3b"):
        assert clauses[ref].number == ref.rstrip("b")
    assert clauses["6.2"].text.startswith(
        "Staff members and Representatives of the School must not identify themselves"
    )
    assert clauses["6.2b"].text.startswith(
        "Clearwell School does not expect Staff members and Representatives of the School"
    )
    assert "must not have contact through any personal social medium with any pupil" in (
        clauses["6.3"].text
    )
    assert "should not communicate with pupils’ family members" in clauses["6.3b"].text
    assert "6.2c" not in clauses and "6.3c" not in clauses


def test_clearwell_section_6_and_9_keep_the_printed_order_and_gaps() -> None:
    clauses = parsed(CLEARWELL_STAFF).version.clauses
    six = [c.number for c in clauses if c.section == "6"]
    assert six == [
        "6.1",
        "6.2",
        "6.3",
        "6.2",
        "6.3",
        "6.4",
        "6.5",
        "6.6",
        "6.8",
        "6.9",
        "6.10",
        "6.11",
        "6.12",
        "6.13",
        "6.14",
    ]
    assert [c.number for c in clauses if c.section == "9"] == ["9.1", "9.2", "9.4"]


def test_clearwell_lists_stay_in_their_clause() -> None:
    clauses = by_ref(CLEARWELL_STAFF)
    assert clauses["3.1"].text.endswith(
        "including:\n- the Human Rights Act 1998\n- Common law duty of confidentiality, and\n"
        "- the Data Protection Act 1998."
    )
    assert clauses["3.3"].text.count("\n- ") == 7
    assert "- Staff Behaviour Policy" in clauses["4.1"].text
    assert "organisationally or publicly sensitive information" in clauses["3.2"].text


def test_clearwell_unnumbered_text_keeps_its_place() -> None:
    clauses = by_ref(CLEARWELL_STAFF)
    assert clauses["5.0"].text.startswith("In essence, Clearwell School does not want")
    assert clauses["Appendix A.1"].text.startswith(
        "If, in the future it is agreed by the Governing body"
    )
    adoption = clauses["adoption.1"].text
    assert adoption.startswith("This policy has been adopted by the Governing Body")
    assert "reviewed and updated annually" in adoption
    assert "Chair of Governors." in adoption


def test_clearwell_appendix_a() -> None:
    clauses = by_ref(CLEARWELL_STAFF)
    assert clauses["A.1.3"].number == "A.1.3"
    assert "Communications Manager (or appropriate manager)" in clauses["A.1.3"].text
    assert clauses["A.3.10"].text == "Personal opinions should not be expressed on official sites."
    lettered = [r for r in clauses if r.startswith("A.4.")]
    assert lettered == [f"A.4.{x}" for x in "abcdefghi"]
    assert clauses["A.4.f"].text.startswith("f. Behaviour likely to cause extreme offence")
    assert clauses["A.4.f"].heading == "CONTRIBUTORS AND MODERATION OF CONTENT"


def test_clearwell_pledge_is_section_10_with_the_pledge_in_10_5() -> None:
    pledge = by_ref(CLEARWELL_PLEDGE)
    assert list(pledge) == ["10.1", "10.2", "10.3", "10.4", "10.5"]
    text = pledge["10.5"].text
    assert text.startswith("Parents may be asked to agree to and sign the following:")
    assert "I will not discuss my grievances" in text
    assert "\nUse of Social Media\n" in text
    assert text.endswith("whether intentionally or not.")
    assert "adopted by the Governing Body" not in text and "Signed" not in text


def test_clearwell_pledge_text_matches_the_staff_policy_section_10() -> None:
    staff = by_ref(CLEARWELL_STAFF)
    for ref, clause in by_ref(CLEARWELL_PLEDGE).items():
        assert clause.text == staff[ref].text
        assert clause.heading == staff[ref].heading == "Parents’ Use of Social Media"
    assert "adopted by the Governing Body" not in staff["10.5"].text


# Stockham ----------------------------------------------------------------------------------


def test_stockham_clauses() -> None:
    clauses = by_ref(STOCKHAM_STAFF)
    assert "designated break" in clauses["6.13"].text
    assert clauses["6.15"].text.count("posted online;") == 1
    assert clauses["preamble.2"].text.startswith(
        "Stockham Primary School is committed to safeguarding and promoting the welfare"
    )
    assert clauses["3.1"].text.startswith("Stockham School is committed to ensuring")
    assert clauses["3.2"].text.count("\n- ") == 5
    assert [c.number for c in parsed(STOCKHAM_STAFF).version.clauses if c.section == "9"] == [
        "9.1",
        "9.2",
        "9.3",
    ]


def test_stockham_appendix_a_restarts_numbering_under_its_own_prefix() -> None:
    clauses = by_ref(STOCKHAM_STAFF)
    appendix = clauses["Appendix A 1.3"]
    assert appendix.number == "1.3"
    assert "Head Teacher" in appendix.text
    assert clauses["1.3"].text.startswith("It is crucial that pupils, parents")
    assert "Head Teacher" in clauses["Appendix A 2.7"].text
    assert clauses["Appendix A 5.9"].text.startswith("Approval must also be obtained")
    assert sum(r.startswith("Appendix A ") for r in clauses) == 40


def test_stockham_appendix_b_keeps_the_form_questions() -> None:
    clauses = by_ref(STOCKHAM_STAFF)
    form = [c for c in parsed(STOCKHAM_STAFF).version.clauses if c.ref.startswith("Appendix B")]
    assert len(form) == 18
    assert clauses["Appendix B.2"].text == (
        "Please complete this form and forward it to the school’s Data Controller."
    )
    assert "- Pupils’ family members" in clauses["Appendix B 3.1"].text
    assert clauses["Appendix B 5.4"].text == (
        "Who will host the site?\n- Stockham School\n- Third party; please give host name"
    )
    assert clauses["Appendix B 7.1"].heading == "Line Manager"
    assert clauses["Appendix B 7.1"].text.startswith(
        "I approve the aims and content of the proposed site."
    )
    assert "use of school brand and logo" in clauses["Appendix B 8.1"].text
