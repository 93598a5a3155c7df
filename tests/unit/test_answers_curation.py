"""The curation files kept beside agreement versions name real clauses and real topics."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from portal.core.agreements import AgreementVersion
from portal.core.answers.curation import load_curation
from portal.core.answers.force import Force
from portal.core.answers.lexicon import load_lexicon
from portal.core.catalog import load_catalog

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
def test_curation_names_existing_clauses_and_topics(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert set(raw) <= {"clauses"}, f"{path}: unknown keys {set(raw) - {'clauses'}}"
    clauses = raw.get("clauses") or {}
    refs = {c.ref for c in _version(path).clauses}
    topics = set(load_lexicon().by_id)
    fields = {"topics", "force", "exceptions", "approver"}
    for ref, note in clauses.items():
        assert str(ref) in refs, f"{path}: no clause {ref!r} in this version"
        note = note or {}
        assert set(note) <= fields, f"{path} {ref}: unknown fields {set(note) - fields}"
        unknown = set(note.get("topics", ())) - topics
        assert not unknown, f"{path} {ref}: topics not in the lexicon: {sorted(unknown)}"
        if note.get("force"):
            Force(note["force"])
    load_curation(path)  # and the engine's own loader reads it
