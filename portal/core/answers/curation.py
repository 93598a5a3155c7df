"""Optional per-version curation kept beside the text: `<version>.answers.yaml`.

A school can add what its wording does not say in the general vocabulary: topics a clause
addresses, or a reading of a clause's force the general reader gets wrong. A version with no
file is answered from its text alone.

    clauses:
      "6.9":
        topics: [personal_use_at_work]
        force: only            # prohibit | approval | only | permit | caution | require | none
        exceptions: [break]    # qualifier facts of the lexicon that lift the rule
        approver: the Head Master
      "6.8":
        scope: []              # the facts a ban is limited to; [] for a ban that holds anywhere
      "A 4.6":
        final: ""              # who gives a final approval named elsewhere; "" for nobody
                               # (a force curated to approval names its final approver here)
      "7.2":
        topics: [professional_networking]
        sentences:
          - quote: "must not reveal"
            force: prohibit
            topics: [pupil_identified]

The engine reads a clause one sentence at a time. Keys at the clause level apply to every sentence
of the clause. An entry under `sentences` refines the one sentence its `quote` picks out: a run of
whole words from that sentence, compared without regard to case, spacing, punctuation or curly
quotes. Its `force`, `exceptions`, `scope`, `approver` and `final` replace the clause level's for
that sentence; its `topics` are added to the clause's (the sentence addresses them, so the clause
does too). A quote must pick out exactly one sentence of its clause, and a sentence may be refined
by one entry only: anything else is a `CurationError`, raised when the curation meets the version's
rules, as are unknown fields and malformed values when the file is read. Each message names the
file, the clause and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from portal.core.answers.force import Force, Reading
from portal.core.answers.rules import Rule
from portal.core.answers.text import fold

_NOTE_FIELDS = ("topics", "force", "exceptions", "scope", "approver", "final")
_CLAUSE_FIELDS = (*_NOTE_FIELDS, "sentences")
_SENTENCE_FIELDS = ("quote", *_NOTE_FIELDS)
_WORD = re.compile(r"[a-z0-9]+")


class CurationError(ValueError):
    """A curation file that says something the engine cannot apply as written."""


@dataclass(frozen=True, slots=True)
class Note:
    """What curation says of a clause, or of one of its sentences."""

    topics: frozenset[str] = frozenset()
    force: Force | None = None
    exceptions: frozenset[str] | None = None
    scope: frozenset[str] | None = None
    approver: str = ""
    final: str | None = None

    def read(self, reading: Reading) -> Reading:
        if self.force is not None:
            reading = replace(reading, force=self.force)
        if self.exceptions is not None:
            reading = replace(reading, exceptions=self.exceptions)
        if self.scope is not None:
            reading = replace(reading, scope=self.scope)
        if self.approver:
            reading = replace(reading, approver=self.approver)
        if self.final is not None:
            reading = replace(reading, final=self.final)
        return reading


@dataclass(frozen=True, slots=True)
class SentenceNote:
    quote: str
    """As written in the file, for messages."""
    note: Note

    def matches(self, sentence: str) -> bool:
        return f" {_words(self.quote)} " in f" {_words(sentence)} "


@dataclass(frozen=True, slots=True)
class ClauseNote:
    note: Note = Note()
    sentences: tuple[SentenceNote, ...] = ()

    @property
    def topics(self) -> frozenset[str]:
        """Every topic curation gives the clause, its sentences' included."""
        return self.note.topics.union(*(s.note.topics for s in self.sentences))


@dataclass(frozen=True, slots=True)
class Curation:
    clauses: Mapping[str, ClauseNote] = field(default_factory=dict)
    source: str = "curation"
    """The file the curation was read from, named in errors."""

    def applied(self, rules: Sequence[Rule]) -> list[Rule]:
        """One version's rules under their clauses' and sentences' notes.

        Raises `CurationError` for a clause the version does not have, or a quote that picks
        out no sentence of its clause, or more than one, or a sentence another quote picked."""
        if not self.clauses:
            return list(rules)
        by_clause: dict[str, list[Rule]] = {}
        for rule in rules:
            by_clause.setdefault(rule.clause.ref, []).append(rule)
        curated: dict[int, Rule] = {}
        for ref, clause in self.clauses.items():
            found = by_clause.get(ref)
            if found is None:
                raise CurationError(
                    f"{self.source}: clause {ref!r}: no such clause in this version"
                )
            picked = self._picked(ref, clause, found)
            topics = clause.topics
            for rule in found:
                sentence = picked.get(rule.order, Note())
                curated[rule.order] = replace(
                    rule,
                    reading=sentence.read(clause.note.read(rule.reading)),
                    topics=rule.topics | clause.note.topics | sentence.topics,
                    clause_topics=rule.clause_topics | topics,
                    section_topics=rule.section_topics | topics,
                )
        return [curated.get(r.order, r) for r in rules]

    def _picked(self, ref: str, clause: ClauseNote, rules: Sequence[Rule]) -> dict[int, Note]:
        """The sentence note for each rule of the clause that one refines, by `Rule.order`."""
        picked: dict[int, SentenceNote] = {}
        for entry in clause.sentences:
            hits = [r for r in rules if entry.matches(r.sentence)]
            where = f"{self.source}: clause {ref!r}: sentences: quote {entry.quote!r}"
            if not hits:
                raise CurationError(f"{where} matches no sentence of the clause")
            if len(hits) > 1:
                quoted = "; ".join(repr(r.sentence) for r in hits)
                raise CurationError(f"{where} matches {len(hits)} sentences, not one: {quoted}")
            other = picked.get(hits[0].order)
            if other is not None:
                raise CurationError(f"{where} picks the sentence quote {other.quote!r} picked")
            picked[hits[0].order] = entry
        return {order: entry.note for order, entry in picked.items()}


NO_CURATION = Curation()


def curation_path(root: Path, school: str, agreement: str, version: str) -> Path:
    return root / school / agreement / f"{version}.answers.yaml"


def load_curation(path: Path) -> Curation:
    if not path.is_file():
        return NO_CURATION
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, Mapping):
        raise CurationError(f"{path}: expected a mapping with a 'clauses' key")
    _known(data, ("clauses",), f"{path}")
    clauses = data.get("clauses") or {}
    if not isinstance(clauses, Mapping):
        raise CurationError(f"{path}: clauses: expected a mapping of clause references")
    for ref in clauses:
        if not isinstance(ref, str):
            # YAML reads an unquoted 6.10 as the number 6.1: another clause, or none.
            raise CurationError(
                f"{path}: clause {ref!r}: quote the reference; unquoted, YAML reads it as "
                f"the number {ref!r}"
            )
    return Curation(
        clauses={ref: _clause(raw, f"{path}: clause {ref!r}") for ref, raw in clauses.items()},
        source=str(path),
    )


def _clause(raw: Any, where: str) -> ClauseNote:
    raw = raw or {}
    if not isinstance(raw, Mapping):
        raise CurationError(f"{where}: expected a mapping of {', '.join(_CLAUSE_FIELDS)}")
    _known(raw, _CLAUSE_FIELDS, where)
    entries = raw.get("sentences") or []
    if not isinstance(entries, list):
        raise CurationError(f"{where}: sentences: expected a list of entries with a quote")
    return ClauseNote(
        note=_note(raw, where),
        sentences=tuple(_sentence(e, f"{where}: sentences[{i}]") for i, e in enumerate(entries)),
    )


def _sentence(raw: Any, where: str) -> SentenceNote:
    if not isinstance(raw, Mapping):
        raise CurationError(f"{where}: expected a mapping with a quote")
    _known(raw, _SENTENCE_FIELDS, where)
    quote = raw.get("quote")
    if not isinstance(quote, str) or not _words(quote):
        raise CurationError(f"{where}: quote: expected words quoted from one sentence")
    note = _note(raw, f"{where} (quote {quote!r})")
    if note == Note():
        # An entry that changes nothing is a mistake in waiting: the reader thinks it does.
        raise CurationError(f"{where} (quote {quote!r}): says nothing beyond its quote")
    return SentenceNote(quote=quote, note=note)


def _note(raw: Mapping[str, Any], where: str) -> Note:
    exceptions, scope = raw.get("exceptions"), raw.get("scope")
    return Note(
        topics=_names(raw.get("topics") or [], f"{where}: topics"),
        force=_force(raw["force"], f"{where}: force") if raw.get("force") else None,
        exceptions=_names(exceptions, f"{where}: exceptions") if exceptions is not None else None,
        scope=_names(scope, f"{where}: scope") if scope is not None else None,
        approver=_text(raw.get("approver", ""), f"{where}: approver"),
        final=_text(raw["final"], f"{where}: final") if "final" in raw else None,
    )


def _known(raw: Mapping[str, Any], fields: Sequence[str], where: str) -> None:
    unknown = sorted(str(k) for k in raw if k not in fields)
    if unknown:
        raise CurationError(f"{where}: unknown fields {unknown} (known: {', '.join(fields)})")


def _names(raw: Any, where: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise CurationError(f"{where}: expected a list of names, got {raw!r}")
    return frozenset(raw)


def _force(raw: Any, where: str) -> Force:
    try:
        return Force(raw)
    except ValueError:
        known = " | ".join(f.value for f in Force)
        raise CurationError(f"{where}: {raw!r} is not a force ({known})") from None


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise CurationError(f"{where}: expected text, got {raw!r}")
    return raw


def _words(text: str) -> str:
    """Whole words only, so a quote survives spacing, punctuation, case and curly quotes."""
    return " ".join(_WORD.findall(fold(text)))
