"""Optional per-version curation kept beside the text: `<version>.answers.yaml`.

A school can add what its wording does not say in the general vocabulary: topics a clause
addresses, or a reading of a clause's force the general reader gets wrong. A version with no
file is answered from its text alone.

    clauses:
      "6.9":
        topics: [personal_use_at_work]
        force: only            # prohibit | approval | only | permit | caution | require | none
        exceptions: [break]
        approver: the Head Master
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from portal.core.answers.force import Force
from portal.core.answers.rules import Rule


@dataclass(frozen=True, slots=True)
class ClauseNote:
    topics: frozenset[str] = frozenset()
    force: Force | None = None
    exceptions: frozenset[str] | None = None
    approver: str = ""


@dataclass(frozen=True, slots=True)
class Curation:
    clauses: Mapping[str, ClauseNote] = field(default_factory=dict)

    def apply(self, rule: Rule) -> Rule:
        note = self.clauses.get(rule.clause.ref)
        if note is None:
            return rule
        reading = rule.reading
        if note.force is not None:
            reading = replace(reading, force=note.force)
        if note.exceptions is not None:
            reading = replace(reading, exceptions=note.exceptions)
        if note.approver:
            reading = replace(reading, approver=note.approver)
        return replace(
            rule,
            reading=reading,
            topics=rule.topics | note.topics,
            clause_topics=rule.clause_topics | note.topics,
            section_topics=rule.section_topics | note.topics,
        )


NO_CURATION = Curation()


def curation_path(root: Path, school: str, agreement: str, version: str) -> Path:
    return root / school / agreement / f"{version}.answers.yaml"


def load_curation(path: Path) -> Curation:
    if not path.is_file():
        return NO_CURATION
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    clauses = data.get("clauses") or {}
    return Curation(clauses={str(ref): _note(raw or {}) for ref, raw in clauses.items()})


def _note(raw: Mapping[str, Any]) -> ClauseNote:
    exceptions = raw.get("exceptions")
    return ClauseNote(
        topics=frozenset(raw.get("topics", ())),
        force=Force(raw["force"]) if raw.get("force") else None,
        exceptions=frozenset(exceptions) if exceptions is not None else None,
        approver=str(raw.get("approver", "")),
    )
