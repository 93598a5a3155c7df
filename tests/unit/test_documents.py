from pathlib import Path

import pytest

from portal.core.agreements import Anchor, Audience, Renewal, SignerRule, text_sha256
from portal.core.catalog import CatalogError, load_catalog
from portal.core.documents import DocumentError, parse_version, parse_version_file

FRONT = """---
title: Test Policy
audience: staff
version: "1"
effective: 2024-09-01
renewal: annual
---
"""


def _refs(body: str) -> list[tuple[str, str, str]]:
    version = parse_version(FRONT + body).version
    return [(c.ref, c.number, c.text) for c in version.clauses]


def test_numbered_clauses_keep_their_printed_numbers():
    refs = _refs("## 1 INTRO\n\n### 1.1\nLine one\nline two.\n\n### 1.2\nSecond.\n")
    assert refs == [("1.1", "1.1", "Line one line two."), ("1.2", "1.2", "Second.")]


def test_repeated_number_gets_distinct_reference_and_keeps_printed_number():
    refs = _refs("## 6 PERSONAL\n\n### 6.2\nfirst\n\n### 6.2\nsecond\n\n### 6.2\nthird\n")
    assert refs == [("6.2", "6.2", "first"), ("6.2b", "6.2", "second"), ("6.2c", "6.2", "third")]


def test_unnumbered_paragraphs_are_numbered_by_section_and_paragraph_order():
    body = "## INTRO\n\nOne.\n\nTwo.\n\n## SCOPE\n\nThree\ncontinued.\n\nFour includes:\n- a\n- b\n"
    assert _refs(body) == [
        ("1.1", "", "One."),
        ("1.2", "", "Two."),
        ("2.1", "", "Three continued."),
        ("2.2", "", "Four includes:\n- a\n- b"),
    ]


def test_appendix_prefixes_restarted_numbers_but_not_lettered_ones():
    body = (
        "## 1 MAIN\n\n### 1.1\nBody.\n\n# Appendix A Requirements\n\n## 1 CREATION\n\n### 1.1\n"
        "Appendix clause.\n\n# Appendix B Form\n\n## B.1 FORM\n\n### B.1.1\nField.\n"
    )
    assert [r[0] for r in _refs(body)] == ["1.1", "Appendix A 1.1", "B.1.1"]


def test_explicit_reference_overrides_and_must_be_unique():
    assert _refs("## 1 X\n\n### 1.1 {#intro}\nText.\n")[0][0] == "intro"
    with pytest.raises(DocumentError, match="used twice"):
        _refs("## 1 X\n\n### 1.1\nA.\n\n### 1.2 {#1.1}\nB.\n")


def test_front_matter_fields_and_defaults():
    parsed = parse_version(FRONT + "## 1 X\n\n### 1.1\nText.\n")
    assert parsed.audience is Audience.STAFF and parsed.renewal is Renewal.ANNUAL
    assert parsed.anchor is Anchor.ACADEMIC_YEAR and parsed.signers is SignerRule.ANY
    assert parsed.version.material is True
    assert parsed.version.sha256 == text_sha256(parsed.version.text)
    assert parsed.version.statement.startswith("I have read")


def test_crlf_and_bom_give_the_same_hash(tmp_path: Path):
    content = FRONT + "## 1 X\n\n### 1.1\nText.\n"
    unix = tmp_path / "a" / "1.md"
    windows = tmp_path / "b" / "1.md"
    unix.parent.mkdir()
    windows.parent.mkdir()
    unix.write_text(content, encoding="utf-8")
    windows.write_bytes(b"\xef\xbb\xbf" + content.replace("\n", "\r\n").encode())
    assert parse_version_file(unix).version.sha256 == parse_version_file(windows).version.sha256


@pytest.mark.parametrize(
    ("front", "line", "problem"),
    [
        (
            "title: X\naudience: pupils\nversion: '1'\neffective: 2024-09-01\nrenewal: annual\n",
            3,
            "audience 'pupils' is not one of staff | parent",
        ),
        (
            "title: X\naudience: staff\nversion: '1'\neffective: 2024-13-01\nrenewal: annual\n",
            5,
            "not a date",
        ),
        (
            "title: X\naudience: staff\nversion: '1'\neffective: 2024-09-01\nrenewal: termly\n",
            6,
            "renewal 'termly'",
        ),
        (
            "title: X\naudience: staff\nversion: '1'\neffective: 2024-09-01\nrenewal: annual\n"
            "colour: red\n",
            7,
            "unknown front matter key 'colour'",
        ),
        (
            "title: X\naudience: staff\neffective: 2024-09-01\nrenewal: annual\n",
            1,
            "missing 'version'",
        ),
        ("title: X\naudience: [staff\n", 3, "not valid YAML"),
    ],
)
def test_malformed_front_matter_names_line_and_problem(front, line, problem):
    with pytest.raises(DocumentError) as caught:
        parse_version(f"---\n{front}---\n## 1 X\n\n### 1.1\nText.\n", "policy/1.md")
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"policy/1.md:{line}: ")


def test_missing_front_matter_and_empty_body_are_refused():
    with pytest.raises(DocumentError, match="missing front matter"):
        parse_version("## 1 X\n")
    with pytest.raises(DocumentError, match="no clauses"):
        parse_version(FRONT + "\n")
    with pytest.raises(DocumentError, match="must start with its number"):
        parse_version(FRONT + "## 1 X\n\n### Untitled\nText.\n")


def test_version_must_match_file_name(tmp_path: Path):
    path = tmp_path / "2.md"
    path.write_text(FRONT + "## 1 X\n\n### 1.1\nText.\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="does not match the file name"):
        parse_version_file(path)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_catalog_collects_every_problem(tmp_path: Path):
    _write(tmp_path, "alpha/school.yaml", "name: Alpha\n")
    _write(tmp_path, "alpha/policy/1.md", FRONT.replace("renewal: annual", "renewal: x") + "## 1\n")
    _write(tmp_path, "beta/policy/1.md", FRONT + "## 1 X\n\n### 1.1\nText.\n")
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    messages = [str(e) for e in caught.value.errors]
    assert any("alpha/policy/1.md:6: renewal 'x'" in m for m in messages)
    assert any("beta/school.yaml" in m and "missing school.yaml" in m for m in messages)


def test_catalog_orders_versions_and_takes_terms_from_the_newest(tmp_path: Path):
    _write(tmp_path, "alpha/school.yaml", "name: Alpha\ncontacts:\n  questions: the Head\n")
    _write(tmp_path, "alpha/policy/1.md", FRONT + "## 1 X\n\n### 1.1\nOld.\n")
    newer = FRONT.replace('"1"', '"2"').replace("2024-09-01", "2025-09-01")
    _write(
        tmp_path,
        "alpha/policy/2.md",
        newer.replace("Test Policy", "New Title") + "## 1\n\n### 1.1\nNew.\n",
    )
    catalog = load_catalog(tmp_path)
    (agreement,) = catalog.agreements
    assert [v.label for v in agreement.versions] == ["1", "2"]
    assert agreement.title == "New Title"
    assert catalog.schools["alpha"].contacts == {"questions": "the Head"}


@pytest.mark.parametrize(
    ("heading", "ref"),
    [
        ("# APPENDIX A: Requirements", "Appendix A 1.1"),
        ("# Appendix B – Form", "Appendix B 1.1"),
        ("# Appendix – Popular sites", "Appendix 1.1"),
        ("# appendix c", "Appendix C 1.1"),
    ],
)
def test_appendix_headings_in_the_forms_schools_write_them(heading, ref):
    body = f"## 1 MAIN\n\n### 1.1\nBody.\n\n{heading}\n\n## 1 PART\n\n### 1.1\nIn appendix.\n"
    assert [r[0] for r in _refs(body)] == ["1.1", ref]
