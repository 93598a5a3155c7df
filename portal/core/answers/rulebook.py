"""One school's rules in force, indexed once so that asking is cheap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np

from portal.core.agreements import Agreement, Audience, Clause, School
from portal.core.answers.curation import NO_CURATION, Curation, curation_path, load_curation
from portal.core.answers.force import Force
from portal.core.answers.lexicon import Lexicon, Pattern
from portal.core.answers.question import school_names
from portal.core.answers.retrieval import LexicalIndex, bag, concept_bag
from portal.core.answers.rules import Rule, rules_of

_VOLUNTEERS = re.compile(r"\bvolunteers?\b")
_FINAL = re.compile(r"\bfinal (?:approval|sign-?off)\b[^.;]*?\bby ((?:the )?[\w'’ ]+?)(?=[.,;)]|$)")


@dataclass(frozen=True, slots=True)
class Pool:
    """The rules one kind of asker is answered from, with the topics they address."""

    rules: tuple[Rule, ...]
    topics: frozenset[str] = field(default_factory=frozenset)
    keys: tuple[str, ...] = ()
    """Each rule's `Rule.key`, in order."""
    # Where each rule's clause, and its sentence and concepts (indexed alike, rule by rule),
    # stand in the rulebook's indexes: every question scores every rule in one array operation.
    clause_at: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp), compare=False)
    rule_at: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp), compare=False)

    @classmethod
    def of(cls, rules: Iterable[Rule], clauses: LexicalIndex, sentences: LexicalIndex) -> Pool:
        kept = tuple(rules)
        return cls(
            kept,
            frozenset().union(*(r.clause_topics for r in kept)),
            keys=tuple(r.key for r in kept),
            clause_at=clauses.positions(r.clause_key for r in kept),
            rule_at=sentences.positions(r.key for r in kept),
        )


@dataclass(frozen=True, slots=True)
class Rulebook:
    school: School
    staff: Pool
    parents: Pool
    index: LexicalIndex
    """Whole clauses, keyed by `Rule.clause_key`."""
    sentences: LexicalIndex
    """Each rule's sentence read under its heading, keyed by `Rule.key`."""
    concepts: LexicalIndex
    """The concepts of each rule's sentence and heading, keyed by `Rule.key`."""
    volunteers_are_staff: bool
    names: Pattern | None = None

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        return self.staff.rules + self.parents.rules


def build_rulebook(
    school: School,
    agreements: Iterable[Agreement],
    lexicon: Lexicon,
    today: date,
    curation_root: Path | None,
) -> Rulebook:
    rules: list[Rule] = []
    clauses: list[tuple[str, Clause]] = []
    for agreement in sorted(agreements, key=lambda a: (a.audience != Audience.STAFF, a.slug)):
        version = agreement.in_force(today)
        if version is None:
            continue
        curation = _curation(curation_root, agreement, version.label)
        # Curated last, so curation can say who gives the final approval, or that nobody does.
        found = _with_final_approver(rules_of(agreement, version, lexicon, start=len(rules)))
        rules.extend(curation.applied(found))
        clauses.extend((f"{agreement.slug}/{c.ref}", c) for c in version.clauses)
    staff = [r for r in rules if not r.to_parents]
    index = LexicalIndex([(k, bag(f"{c.heading} {c.text}", lexicon.concepts)) for k, c in clauses])
    sentences = LexicalIndex([(r.key, bag(_context(r), lexicon.concepts)) for r in rules])
    return Rulebook(
        school=school,
        staff=Pool.of(staff, index, sentences),
        parents=Pool.of(_without_copies(r for r in rules if r.to_parents), index, sentences),
        index=index,
        sentences=sentences,
        concepts=LexicalIndex([(r.key, concept_bag(_context(r), lexicon.concepts)) for r in rules]),
        volunteers_are_staff=any(_VOLUNTEERS.search(r.folded) for r in staff),
        names=school_names(school.name, school.slug),
    )


def _with_final_approver(rules: list[Rule]) -> list[Rule]:
    """Approvals in an agreement that names who gives the final approval need that one too."""
    final = next((m.group(1) for r in rules if (m := _FINAL.search(r.sentence))), "")
    if not final:
        return rules
    return [
        replace(r, reading=replace(r.reading, final=final)) if r.force is Force.APPROVAL else r
        for r in rules
    ]


def _context(rule: Rule) -> str:
    return f"{rule.clause.heading} {rule.sentence}"


def _curation(root: Path | None, agreement: Agreement, version: str) -> Curation:
    if root is None:
        return NO_CURATION
    return load_curation(curation_path(root, agreement.school, agreement.slug, version))


def _without_copies(rules: Iterable[Rule]) -> list[Rule]:
    """A parents' pledge often repeats a section of the staff policy: answer from one copy,
    preferring the agreement addressed to parents (it sorts after the staff policy)."""
    kept: dict[str, Rule] = {}
    for rule in rules:
        kept[rule.folded] = rule
    return sorted(kept.values(), key=lambda r: r.order)
