"""What changed between two versions of an agreement, clause by clause, for people to read.

Clauses are lined up by their text rather than their numbers, so a clause inserted near the top
does not make every later, renumbered clause look "changed". Within a changed clause the words
added and removed are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from portal.core.agreements import Agreement, AgreementVersion, Clause

# How alike two clauses must be (difflib's ratio) to count as one clause reworded rather than
# one removed and another added.
SAME_CLAUSE = 0.5
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Mark(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Piece:
    mark: Mark
    text: str


@dataclass(frozen=True, slots=True)
class ClauseChange:
    change: Change
    old: Clause | None
    new: Clause | None
    pieces: tuple[Piece, ...]
    """The clause's text with words marked: all added, all removed, or a mixture."""

    @property
    def label(self) -> str:
        clause = self.new or self.old
        assert clause is not None
        return clause.label

    @property
    def heading(self) -> str:
        clause = self.new or self.old
        return clause.heading if clause is not None else ""


@dataclass(frozen=True, slots=True)
class VersionChanges:
    old_label: str
    new_label: str
    clauses: tuple[ClauseChange, ...]
    summaries: tuple[tuple[str, str], ...] = ()
    """(label, "what changed" as the publisher wrote it) for each version after the old one."""

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def count(self, change: Change | str) -> int:
        return sum(1 for c in self.clauses if c.change == change)


def compare(old: AgreementVersion, new: AgreementVersion) -> VersionChanges:
    return VersionChanges(old.label, new.label, tuple(_clause_changes(old.clauses, new.clauses)))


def changes_since(agreement: Agreement, signed: str, current: str) -> VersionChanges | None:
    """What a person who signed version `signed` should read before signing `current`."""
    old, new = agreement.version(signed), agreement.version(current)
    if old is None or new is None or old.label == new.label:
        return None
    between = [v for v in agreement.versions if old.effective < v.effective <= new.effective]
    summaries = tuple((v.label, v.changes) for v in between if v.changes)
    diff = compare(old, new)
    return VersionChanges(diff.old_label, diff.new_label, diff.clauses, summaries)


def _clause_changes(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[ClauseChange]:
    matcher = SequenceMatcher(None, [_key(c) for c in old], [_key(c) for c in new], autojunk=False)
    changes: list[ClauseChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changes.extend(_pair(old[i1:i2], new[j1:j2]))
    return changes


def _key(clause: Clause) -> str:
    return " ".join(clause.text.split())


def _pair(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[ClauseChange]:
    """Match each old clause to the most alike new one after the last match, keeping order."""
    changes: list[ClauseChange] = []
    start = 0
    for before in old:
        best, best_ratio = None, SAME_CLAUSE
        for index in range(start, len(new)):
            ratio = SequenceMatcher(None, _key(before), _key(new[index]), autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = index, ratio
        if best is None:
            changes.append(_whole(Change.REMOVED, before))
            continue
        changes.extend(_whole(Change.ADDED, clause) for clause in new[start:best])
        after = new[best]
        changes.append(ClauseChange(Change.CHANGED, before, after, words(before.text, after.text)))
        start = best + 1
    changes.extend(_whole(Change.ADDED, clause) for clause in new[start:])
    return changes


def _whole(change: Change, clause: Clause) -> ClauseChange:
    mark = Mark.ADDED if change is Change.ADDED else Mark.REMOVED
    old, new = (None, clause) if change is Change.ADDED else (clause, None)
    return ClauseChange(change, old, new, (Piece(mark, clause.text),))


def words(old: str, new: str) -> tuple[Piece, ...]:
    """The new text with the words removed from the old and added to it marked.

    A lone space between two changes joins them, so "the cat" -> "a dog" reads as one change
    rather than two interleaved ones.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[Piece] = []
    removed, added = "", ""
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        same = "".join(a[i1:i2])
        joins = 0 < index < len(ops) - 1 and not same.strip()
        if tag != "equal" or joins:
            removed, added = removed + same, added + "".join(b[j1:j2])
            continue
        _flush(pieces, removed, added)
        removed, added = "", ""
        pieces.append(Piece(Mark.SAME, same))
    _flush(pieces, removed, added)
    return tuple(pieces)


def _flush(pieces: list[Piece], removed: str, added: str) -> None:
    if removed:
        pieces.append(Piece(Mark.REMOVED, removed))
    if added:
        pieces.append(Piece(Mark.ADDED, added))
