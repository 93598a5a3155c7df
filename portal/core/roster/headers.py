"""Matching a file's header row to fields (--map first, then aliases); staff or pupils?"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from portal.core.roster.columns import (
    BY_FIELD,
    COLUMNS,
    CONTACT_NAME,
    PUPIL_NAME,
    REQUIRED,
    STAFF_NAME,
)
from portal.core.roster.problems import RosterProblem, RosterRefused
from portal.core.roster.rosters import RosterKind

IGNORE = "ignore"
_UNKNOWN_KIND = (
    "these headers say neither staff nor pupils-with-contacts; give --kind staff or --kind pupils"
)


def normalise_header(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


@dataclass(frozen=True, slots=True)
class Layout:
    """The file's kind, its headers as written, and the column each known field is read from."""

    kind: RosterKind
    headers: tuple[str, ...]
    index: dict[str, int]

    def header(self, field: str) -> str:
        return self.headers[self.index[field]] if field in self.index else ""

    def ignored(self) -> tuple[str, ...]:
        used = set(self.index.values())
        return tuple(h for i, h in enumerate(self.headers) if i not in used and h)


def read_layout(headers: list[str], kind: RosterKind | None, mapping: Mapping[str, str]) -> Layout:
    headers = [" ".join(h.split()) for h in headers]
    problems: list[RosterProblem] = []
    chosen = kind or _detect(headers, mapping)
    if chosen is None:
        raise RosterRefused(
            [*_unknown_fields(mapping), RosterProblem(1, "", _UNKNOWN_KIND)], whole_file=True
        )
    index = _resolve(headers, chosen, mapping, problems)
    layout = Layout(chosen, tuple(headers), index)
    problems += _missing_columns(layout)
    if problems:
        raise RosterRefused(problems, whole_file=True)
    return layout


def _detect(headers: list[str], mapping: Mapping[str, str]) -> RosterKind | None:
    pupil_fields = _resolve(headers, RosterKind.PUPILS, mapping, [])
    if {"contact_id", "year_group"} & pupil_fields.keys():
        return RosterKind.PUPILS
    if "staff_id" in _resolve(headers, RosterKind.STAFF, mapping, []):
        return RosterKind.STAFF
    return None


def _resolve(
    headers: list[str], kind: RosterKind, mapping: Mapping[str, str], problems: list[RosterProblem]
) -> dict[str, int]:
    """Which column gives each field: --map first, then the earliest alias in each list."""
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        positions.setdefault(normalise_header(header), position)
    index = _mapped(positions, kind, mapping, problems)
    taken = {positions.get(normalise_header(theirs), -1) for theirs in mapping}
    for column in COLUMNS[kind]:
        found = (positions.get(normalise_header(alias), -1) for alias in column.aliases)
        chosen = next((p for p in found if p >= 0 and p not in taken), None)
        if column.field not in index and chosen is not None:
            index[column.field] = chosen
            taken.add(chosen)
    return index


def _mapped(
    positions: dict[str, int],
    kind: RosterKind,
    mapping: Mapping[str, str],
    problems: list[RosterProblem],
) -> dict[str, int]:
    known = {c.field for c in COLUMNS[kind]}
    index: dict[str, int] = {}
    for theirs, field in mapping.items():
        if field != IGNORE and field not in known:
            fields = ", ".join([*sorted(known), IGNORE])
            problems.append(
                RosterProblem(1, theirs, f'--map gives "{field}", not a {kind} field ({fields})')
            )
        elif normalise_header(theirs) not in positions:
            problems.append(RosterProblem(1, theirs, "--map names a column the file does not have"))
        elif field != IGNORE:
            index[field] = positions[normalise_header(theirs)]
    return index


def _unknown_fields(mapping: Mapping[str, str]) -> list[RosterProblem]:
    """--map entries naming no field of either kind: a misspelt id field leaves the kind unknown."""
    known = {c.field for kind in RosterKind for c in COLUMNS[kind]}
    fields = ", ".join([*sorted(known), IGNORE])
    return [
        RosterProblem(1, theirs, f'--map gives "{field}", not a field ({fields})')
        for theirs, field in mapping.items()
        if field != IGNORE and field not in known
    ]


def _missing_columns(layout: Layout) -> list[RosterProblem]:
    wanted: list[tuple[str, ...]] = [(f,) for f in REQUIRED[layout.kind]]
    names = [STAFF_NAME] if layout.kind is RosterKind.STAFF else [PUPIL_NAME, CONTACT_NAME]
    wanted += [(name[2], name[3]) for name in names]
    return [
        RosterProblem(1, "", _no_column(fields))
        for fields in wanted
        if not set(fields) & layout.index.keys()
    ]


def _no_column(fields: tuple[str, ...]) -> str:
    what = " or ".join(BY_FIELD[f].description for f in fields)
    accepted = ", ".join(f'"{a}"' for f in fields for a in BY_FIELD[f].aliases[:3])
    return f'no column gives {what} (e.g. {accepted}; or --map "Your Header={fields[0]}")'
