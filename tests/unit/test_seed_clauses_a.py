"""The Stockport, AMCIS and Knowsley staff social-media policies parse into printed clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from portal.core.agreements import Renewal
from portal.core.documents import parse_version_file

ROOT = Path(__file__).resolve().parents[2] / "agreements"
SLUGS = ("stockport", "amcis", "knowsley")
DEBRIS = (
    "[bookmark",
    "[image",
    "\uf0b7",
    "\uf0a7",
    "\uf0d8",
    "\uf0fc",
    "•",
    "☐",
    "☒",
    "‟",
    "„",
    "  ",
)


def _version(slug: str):
    return parse_version_file(ROOT / slug / "staff-social-media" / "2024-09.md")


def _clauses(slug: str) -> dict:
    return {c.ref: c for c in _version(slug).version.clauses}


@pytest.mark.parametrize(("slug", "count"), [("stockport", 58), ("amcis", 50), ("knowsley", 80)])
def test_clause_counts(slug: str, count: int) -> None:
    assert len(_version(slug).version.clauses) == count


@pytest.mark.parametrize("slug", SLUGS)
def test_references_are_unique_and_text_is_clean(slug: str) -> None:
    clauses = _version(slug).version.clauses
    refs = [c.ref for c in clauses]
    assert len(refs) == len(set(refs))
    for clause in clauses:
        assert clause.text.strip(), clause.ref
        for junk in DEBRIS:
            assert junk not in clause.text, (clause.ref, junk)


@pytest.mark.parametrize(
    ("slug", "renewal"),
    [
        ("stockport", Renewal.BIENNIAL),
        ("amcis", Renewal.ANNUAL),
        ("knowsley", Renewal.ANNUAL),
    ],
)
def test_front_matter(slug: str, renewal: Renewal) -> None:
    parsed = _version(slug)
    assert parsed.renewal is renewal
    assert parsed.version.label == "2024-09"
    assert str(parsed.version.effective) == "2024-09-01"
    assert parsed.version.material is True
    school = yaml.safe_load((ROOT / slug / "school.yaml").read_text(encoding="utf-8"))
    assert school["timezone"] == "Europe/London"
    assert {"questions", "safeguarding"} <= set(school["contacts"])


def test_stockport_paragraphs_are_numbered_by_section_and_order() -> None:
    clauses = _clauses("stockport")
    assert clauses["1.1"].text.startswith("The internet provides a range of social media tools")
    assert clauses["1.1"].heading == "INTRODUCTION"
    assert clauses["1.1"].number == ""
    # PERSONAL USE OF SOCIAL MEDIA is the sixth section: the policy calls the next one "section 7".
    assert "must not have contact through any personal social medium" in clauses["6.2"].text
    assert clauses["6.2"].heading == "PERSONAL USE OF SOCIAL MEDIA"
    assert "section 7 and Appendix A" in clauses["6.5"].text
    assert clauses["7.1"].heading == "USING SOCIAL MEDIA ON BEHALF OF STOCKPORT SCHOOL"
    assert clauses["7.2"].text.startswith("There must be a strong pedagogical or business reason")
    # The three trailing paragraphs without a bullet marker are still paragraphs of section 6.
    assert clauses["6.13"].text.startswith("Stockport School only permits limited personal use")
    assert clauses["6.14"].text.startswith("Staff members are strongly advised")
    assert clauses["6.15"].text.startswith("It is a good idea to use a separate email address")
    assert "6.16" not in clauses
    assert [r for r in clauses if r.startswith("6.")] == [f"6.{n}" for n in range(1, 16)]


def test_stockport_lists_stay_with_their_paragraph() -> None:
    clauses = _clauses("stockport")
    legal = clauses["3.1"].text.split("\n")
    assert legal[0].endswith("professional codes of conduct, including:")
    assert legal[1:] == [
        "- the Human Rights Act 1998",
        "- Common law duty of confidentiality, and",
        "- the Data Protection Act 1998.",
    ]
    confidential = clauses["3.2"].text.split("\n")
    assert confidential[1] == (
        "- Person-identifiable information, e.g. pupil and employee records protected by the Data "
        "Protection Act 1998"
    )
    assert len(confidential) == 5
    assert clauses["3.3"].text.count("\n- ") == 7
    assert clauses["4.1"].text.endswith("- Disciplinary Policy & Procedure\n- ICT Agreement")


def test_stockport_appendix_and_review() -> None:
    clauses = _clauses("stockport")
    assert [r for r in clauses if r.startswith("A.1.")] == [f"A.1.{n}" for n in range(1, 8)]
    assert [r for r in clauses if r.startswith("A.2.")] == [f"A.2.{n}" for n in range(1, 8)]
    a13 = clauses["A.1.3"].text
    assert a13.startswith("The proposed audience and level of interactive engagement")
    assert "member of SLT with responsibility for Communications or the Headteacher." in a13
    assert clauses["A.1.3"].heading == "CREATION OF SITES"
    assert clauses["A.2.7"].text.endswith("you must seek advice from your Line Manager.")
    assert "“friends” to the site are vetted" in clauses["A.2.6"].text
    # REVIEW follows the appendix but is a section of the policy, not of Appendix A.
    assert clauses["10.1"].text.startswith("This Policy will be reviewed regularly on a two yearly")
    assert clauses["10.1"].heading == "REVIEW"
    assert not any(r.startswith("Appendix") for r in clauses)
    assert list(clauses)[-1] == "10.1"


def test_amcis_printed_numbers() -> None:
    clauses = _clauses("amcis")
    assert clauses["6.1"].text.startswith("With the exception of LinkedIn")
    assert clauses["6.2"].text.startswith("Staff members must not have contact through any")
    assert clauses["6.2.1"].text.startswith("The School does not expect staff members to")
    assert clauses["6.2.2"].text.startswith("Staff members must not have any contact with pupils’")
    # Printed "6.2 .3": the intended number, the text kept.
    assert clauses["6.2.3"].number == "6.2.3"
    assert clauses["6.2.3"].text.startswith("If staff members wish to communicate with pupils")
    assert clauses["6.3.1"].text.startswith("Staff members must decline ‘friend requests’")
    assert clauses["6.3.2"].text.startswith("On leaving the School’s service")
    assert clauses["6.8"].text == (
        "The School logos or brands must not be used or published on personal webspace."
    )
    assert "Head Master" in clauses["7.3"].text
    assert clauses["9.3.1"].text.endswith("contractors’ internal disciplinary procedures.")
    assert "6.3" not in clauses and "9.3" not in clauses
    assert clauses["3.2"].text.count("\n- ") == 5
    assert clauses["4.1"].text.endswith("for England and Wales (March 2015)")
    section6 = [r for r in clauses if r.startswith("6.")]
    assert section6 == [
        "6.1",
        "6.2",
        "6.2.1",
        "6.2.2",
        "6.2.3",
        "6.3.1",
        "6.3.2",
        *(f"6.{n}" for n in range(4, 12)),
    ]


def test_amcis_preamble_and_appendix() -> None:
    clauses = _clauses("amcis")
    assert clauses["preamble.1"].text.startswith("This document is provided as an example")
    assert clauses["Appendix 1.1"].heading == "Facebook"
    assert clauses["Appendix 1.1"].text.endswith("- The average user has 130 friends")
    assert clauses["Appendix 3.2"].text.startswith("When researching the Schools on the Internet")
    assert clauses["Appendix 5.1"].heading == "Instagram"
    assert list(clauses)[-1] == "Appendix 5.1"


def test_knowsley_printed_numbers() -> None:
    clauses = _clauses("knowsley")
    assert clauses["1.1"].text.startswith("Social media plays a large part in people’s lives")
    assert clauses["1.1"].heading == "Introduction"
    assert "1.5" not in clauses  # the policy skips from 1.4 to 1.6
    assert clauses["1.6"].text.startswith("In this policy, the word staff includes")
    assert [clauses[f"1.3.{n}"].text for n in range(1, 5)] == [
        "On behalf of the school;",
        "As part of their work directly with pupils ;",
        "In their wider professional lives; and",
        "In their personal lives.",
    ]
    objectives = clauses["2.1"].text.split("\n")
    assert objectives[0] == "The purpose of this policy is to;"
    assert [o[:5] for o in objectives[1:]] == ["- (a)", "- (b)", "- (c)", "- (d)", "- (e)"]
    assert clauses["3.1"].text == "Head teacher"
    assert clauses["3.1.1"].text.endswith("on the use of ICT and e-safety;")
    assert clauses["3.2.1"].text.endswith("on the use of ICT and e-safety;")
    assert clauses["3.2.2"].text.endswith("with their line manager in the first instance.")
    assert clauses["3.4.1"].text.startswith("Will review this policy and its application annually")
    assert clauses["4.10"].text.startswith("Staff must raise all doubts, questions and concerns")
    assert clauses["5.0"].text == (
        "our school uses social media as a communications channel for our school and to engage "
        "with their wider community."
    )
    assert clauses["5.0"].heading == "When using social media on behalf of the school"
    assert clauses["7.0"].text.startswith("Social media is a useful tool")
    assert "This includes ex-pupils until they reach the age of 18." in clauses["8.3"].text
    assert "the named safeguarding contact in school" in clauses["12.1"].text
    assert list(clauses)[-1] == "12.2"
