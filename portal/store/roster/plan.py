"""Comparing a table's rows with the file: what to add, change and mark as left."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any, Generic, TypeVar

from tortoise.models import Model

from portal.store.roster.report import Tally

BATCH = 500
# Stored fields whose column a file may leave out; without the column they are left alone.
_OPTIONAL = {
    "email",
    "phone",
    "role",
    "form",
    "relationship",
    "parental_responsibility",
    "priority",
}
by_external_id = attrgetter("external_id")

M = TypeVar("M", bound=Model)
K = TypeVar("K", bound=Hashable)


@dataclass
class Plan(Generic[M]):
    create: list[M] = field(default_factory=list)
    # Changed rows grouped by the fields that changed, so each UPDATE sets only those.
    update: dict[tuple[str, ...], list[M]] = field(default_factory=dict)
    leave: list[M] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    current: int = 0  # rows on the roll before the import


def plan_rows(
    existing: Iterable[M],
    key: Callable[[M], K],
    wanted: Mapping[K, dict[str, Any]],
    make: Callable[[K, dict[str, Any]], M],
    provided: frozenset[str],
    changed_elsewhere: frozenset[K],
) -> Plan[M]:
    """What to add, change, and mark as left: rows the file no longer mentions are leavers."""
    by_key = {key(row): row for row in existing}
    plan: Plan[M] = Plan(current=_on_roll(by_key.values()))
    for k, values in wanted.items():
        row = by_key.get(k)
        if row is None:
            plan.create.append(make(k, values))
            plan.tally.added += 1
            continue
        given = {f: v for f, v in values.items() if f not in _OPTIONAL or f in provided}
        changes = {f: v for f, v in given.items() if getattr(row, f) != v}
        if _left_at(row) is not None:
            changes["left_at"] = None  # back again
        row.update_from_dict(changes)
        if changes or k in changed_elsewhere:
            plan.update.setdefault(tuple(sorted(changes)), []).append(row)
            plan.tally.updated += 1
        else:
            plan.tally.unchanged += 1
    plan.leave = [row for k, row in by_key.items() if k not in wanted and _left_at(row) is None]
    plan.tally.left = len(plan.leave)
    return plan


def _on_roll(rows: Iterable[Model]) -> int:
    return sum(1 for row in rows if _left_at(row) is None)


def _left_at(row: Model) -> datetime | None:
    left_at: datetime | None = getattr(row, "left_at", None)  # every roster table has one
    return left_at


def chunks(ids: list[int]) -> Iterable[list[int]]:
    return (ids[i : i + BATCH] for i in range(0, len(ids), BATCH))
