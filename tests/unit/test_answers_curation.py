"""The curation files kept beside agreement versions name real clauses, sentences and topics;
and how a sentence entry refines its clause."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.core.agreements import AgreementVersion, School
from portal.core.answers.curation import CurationError, load_curation
from portal.core.answers.force import Force
from portal.core.answers.lexicon import load_lexicon
from portal.core.answers.rulebook import Rulebook, build_rulebook
from portal.core.answers.rules import Rule, rules_of
from portal.core.catalog import load_catalog
from portal.core.documents import agreement_from_files, parse_version

AGREEMENTS = Path(__file__).resolve().parents[2] / "agreements"
CURATIONS = sorted(AGREEMENTS.glob("*/*/*.answers.yaml"))


def _version(path: Path) -> AgreementVersion:
    school, slug = path.parent.parent.name, path.parent.name
    label = path.name.removesuffix(".answers.yaml")
    agreement = load_catalog(AGREEMENTS).agreement(school, slug)
    assert agreement is not None, f"{path}: no agreement {school}/{slug}"
    version = next((v for v in agreement.versions if v.label == label), None)
    assert version is not None, f"{path}: no version {label} of {school}/{slug}"
    return version


def test_there_are_curation_files() -> None:
    assert CURATIONS


@pytest.mark.parametrize("path", CURATIONS, ids=lambda p: str(p.relative_to(AGREEMENTS)))
def test_curation_names_existing_clauses_sentences_and_topics(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert set(raw) <= {"clauses"}, f"{path}: unknown keys {set(raw) - {'clauses'}}"
    clauses = raw.get("clauses") or {}
    refs = {c.ref for c in _version(path).clauses}
    lexicon = load_lexicon()
    fields = {"topics", "force", "exceptions", "scope", "approver", "final"}
    for ref, note in clauses.items():
        assert str(ref) in refs, f"{path}: no clause {ref!r} in this version"
        note = note or {}
        assert set(note) <= fields | {"sentences"}, f"{path} {ref}: unknown fields"
        for entry in [note, *(note.get("sentences") or [])]:
            where = f"{path} {ref} {entry.get('quote', '')}"
            assert set(entry) - {"sentences", "quote"} <= fields, f"{where}: unknown fields"
            unknown = set(entry.get("topics", ())) - set(lexicon.by_id)
            assert not unknown, f"{where}: topics not in the lexicon: {sorted(unknown)}"
            for key in ("exceptions", "scope"):
                facts = set(entry.get(key) or ()) - set(lexicon.qualifiers)
                assert not facts, f"{where}: {key} not in the lexicon's qualifiers: {sorted(facts)}"
            if entry.get("force"):
                Force(entry["force"])
    # The engine's own loader reads it, and every quote picks out one sentence of its clause.
    agreement = load_catalog(AGREEMENTS).agreement(path.parent.parent.name, path.parent.name)
    assert agreement is not None
    load_curation(path).applied(rules_of(agreement, _version(path), lexicon))


# ---------------------------------------------------------------- per-sentence curation

_TEXT = """---
title: Online Conduct Policy
audience: staff
version: "2024-09"
effective: 2024-09-01
renewal: annual
---

## 7 Professional life

### 7.2
Staff can identify the school on their profiles. Staff must not reveal the “names” of pupils.
Staff must not use the school’s logo.

### 7.3
Staff must not post photographs of pupils.
"""


def _rules() -> list[Rule]:
    agreement = agreement_from_files("newschool", "conduct", [parse_version(_TEXT, "2024-09.md")])
    return rules_of(agreement, agreement.versions[-1], load_lexicon())


def _written(tmp_path: Path, clauses: dict[str, Any]) -> Path:
    path = tmp_path / "2024-09.answers.yaml"
    path.write_text(yaml.safe_dump({"clauses": clauses}, allow_unicode=True), encoding="utf-8")
    return path


def _curated(tmp_path: Path, clauses: dict[str, Any]) -> dict[str, Rule]:
    """Each curated rule by the verb that tells its sentence apart."""
    rules = load_curation(_written(tmp_path, clauses)).applied(_rules())
    return _by_verb(rules)


def _by_verb(rules: list[Rule]) -> dict[str, Rule]:
    verbs = ("identify", "reveal", "use", "post")
    return {next(v for v in verbs if f" {v} " in r.sentence): r for r in rules}


def test_a_sentence_entry_refines_only_the_sentence_it_quotes(tmp_path: Path) -> None:
    entry = {
        "quote": "Can IDENTIFY the\n  school",
        "force": "only",
        "exceptions": ["family"],
        "approver": "the Head",
    }
    rules = _curated(tmp_path, {"7.2": {"sentences": [entry]}})
    plain = _by_verb(_rules())
    assert rules["identify"].force is Force.ONLY
    assert rules["identify"].reading.exceptions == {"family"}
    assert rules["identify"].reading.approver == "the Head"
    for other in ("reveal", "use", "post"):
        assert rules[other] == plain[other]


def test_a_ban_limited_by_its_wording_can_be_curated_to_hold_anywhere(tmp_path: Path) -> None:
    text = _TEXT.replace(
        "must not post photographs of pupils.",
        "must not post photographs of pupils on their personal accounts (or anywhere else).",
    )
    agreement = agreement_from_files("newschool", "conduct", [parse_version(text, "2024-09.md")])
    rules = rules_of(agreement, agreement.versions[-1], load_lexicon())
    assert _by_verb(rules)["post"].reading.scope, "the wording limits the ban as read"
    path = _written(tmp_path, {"7.3": {"scope": []}})
    assert _by_verb(load_curation(path).applied(rules))["post"].reading.scope == frozenset()


def test_a_final_approver_named_elsewhere_can_be_curated_away(tmp_path: Path) -> None:
    text = _TEXT.replace(
        "must not post photographs of pupils.",
        "can only post photographs of pupils with the approval of the Head of Year.\n\n"
        "### 7.4\nThe final approval for any site is given by the Governors.",
    )
    agreement = agreement_from_files("newschool", "conduct", [parse_version(text, "2024-09.md")])
    school = School(slug="newschool", name="New School")

    def post_rule(curation_root: Path | None) -> Rule:
        book = build_rulebook(school, [agreement], load_lexicon(), date(2025, 1, 1), curation_root)
        return next(r for r in book.staff.rules if " post " in r.sentence)

    assert post_rule(None).reading.final == "the Governors", "read from the text"
    folder = tmp_path / "newschool" / "conduct"
    folder.mkdir(parents=True)
    _written(folder, {"7.3": {"final": ""}})
    curated = post_rule(tmp_path)
    assert curated.reading.final == ""
    assert curated.reading.approver == post_rule(None).reading.approver


def test_a_sentence_entry_refines_the_clause_entry(tmp_path: Path) -> None:
    entry = {"quote": "identify the school", "force": "permit", "topics": ["identify_employer"]}
    clause = {"force": "prohibit", "topics": ["school_logo"], "sentences": [entry]}
    rules = _curated(tmp_path, {"7.2": clause})
    assert rules["identify"].force is Force.PERMIT
    assert rules["reveal"].force is Force.PROHIBIT
    assert {"school_logo", "identify_employer"} <= rules["identify"].topics
    assert "school_logo" in rules["reveal"].topics
    assert "identify_employer" not in rules["reveal"].topics
    # The sentence's topic is the clause's too, as a topic the text names would be.
    assert "identify_employer" in rules["reveal"].clause_topics
    assert "identify_employer" not in rules["post"].clause_topics


def test_quotes_match_curly_quotes_punctuation_and_whole_words_only(tmp_path: Path) -> None:
    entries = [
        {"quote": 'reveal the "names"', "force": "caution"},  # the text has “names”
        {"quote": "school's logo", "force": "permit"},  # the text has school’s
    ]
    rules = _curated(tmp_path, {"7.2": {"sentences": entries}})
    assert rules["reveal"].force is Force.CAUTION
    assert rules["use"].force is Force.PERMIT
    with pytest.raises(CurationError, match="matches no sentence"):
        _curated(tmp_path, {"7.2": {"sentences": [{"quote": "the nam", "force": "permit"}]}})


@pytest.mark.parametrize(
    ("clauses", "error"),
    [
        # A sentence of another clause (7.3) is not one of 7.2's.
        (
            {"7.2": {"sentences": [{"quote": "must not post", "force": "permit"}]}},
            r"clause '7\.2': sentences: quote 'must not post' matches no sentence of the clause",
        ),
        (
            {"7.2": {"sentences": [{"quote": "staff must not", "force": "permit"}]}},
            r"clause '7\.2': sentences: quote 'staff must not' matches 2 sentences",
        ),
        (
            {
                "7.2": {
                    "sentences": [
                        {"quote": "reveal", "force": "permit"},
                        {"quote": "names of pupils", "force": "caution"},
                    ]
                }
            },
            r"quote 'names of pupils' picks the sentence quote 'reveal' picked",
        ),
        ({"9.9": {"force": "permit"}}, r"clause '9\.9': no such clause"),
    ],
)
def test_quotes_that_do_not_pick_one_sentence_are_errors(
    tmp_path: Path, clauses: dict[str, Any], error: str
) -> None:
    with pytest.raises(CurationError, match=error) as raised:
        _curated(tmp_path, clauses)
    assert str(tmp_path / "2024-09.answers.yaml") in str(raised.value)


def test_an_unquoted_clause_reference_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "2024-09.answers.yaml"
    path.write_text("clauses:\n  6.10:\n    force: none\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"clause 6\.1: quote the reference"):
        load_curation(path)


@pytest.mark.parametrize(
    ("clause", "error"),
    [
        ({"sentences": [{"force": "permit"}]}, r"sentences\[0\]: quote: expected"),
        ({"sentences": [{"quote": "reveal"}]}, r"says nothing beyond its quote"),
        (
            {"sentences": [{"quote": "reveal", "forse": "permit"}]},
            r"sentences\[0\]: unknown fields \['forse'\]",
        ),
        (
            {"sentences": [{"quote": "reveal", "force": "ban"}]},
            r"quote 'reveal'\): force: 'ban' is not a force",
        ),
        ({"sentences": "must not reveal"}, r"clause '7\.2': sentences: expected a list"),
        ({"topics": "school_logo"}, r"clause '7\.2': topics: expected a list"),
        ({"approver": ["the Head"]}, r"clause '7\.2': approver: expected text"),
        ({"sentence": []}, r"clause '7\.2': unknown fields \['sentence'\]"),
    ],
)
def test_malformed_entries_are_errors_when_read(
    tmp_path: Path, clause: dict[str, Any], error: str
) -> None:
    path = _written(tmp_path, {"7.2": clause})
    with pytest.raises(CurationError, match=error) as raised:
        load_curation(path)
    assert str(path) in str(raised.value)


def _rulebook(root: Path | None) -> Rulebook:
    agreement = agreement_from_files("newschool", "conduct", [parse_version(_TEXT, "2024-09.md")])
    school = School("newschool", "New School")
    return build_rulebook(school, [agreement], load_lexicon(), date(2025, 1, 1), root)


def test_the_rulebook_reads_sentence_entries_beside_the_version(tmp_path: Path) -> None:
    folder = tmp_path / "newschool" / "conduct"
    folder.mkdir(parents=True)
    _written(folder, {"7.2": {"sentences": [{"quote": "use the school's logo", "force": "none"}]}})
    plain = _by_verb(list(_rulebook(None).all_rules))
    curated = _by_verb(list(_rulebook(tmp_path).all_rules))
    assert (plain["use"].force, curated["use"].force) == (Force.PROHIBIT, Force.NONE)
    assert curated["reveal"].force is Force.PROHIBIT


def test_the_rulebook_refuses_a_quote_it_cannot_place(tmp_path: Path) -> None:
    folder = tmp_path / "newschool" / "conduct"
    folder.mkdir(parents=True)
    _written(folder, {"7.2": {"sentences": [{"quote": "never reveal", "force": "none"}]}})
    with pytest.raises(CurationError, match=r"conduct/2024-09\.answers\.yaml: clause '7\.2'"):
        _rulebook(tmp_path)
