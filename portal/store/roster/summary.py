"""Who is on a school's roster now, and when each list was last imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.functions import Count

from portal.core.roster import RosterKind
from portal.store import audit
from portal.store.models import AuditEvent, Person, Pupil, School
from portal.store.roster.importing import IMPORTED


@dataclass(frozen=True, slots=True)
class LastImport:
    at: datetime
    actor: str
    file: str
    """The file's name as uploaded, or "" when the import named none."""


@dataclass(frozen=True, slots=True)
class RosterSummary:
    staff: int
    staff_without_email: int
    pupils: int
    parents: int
    parents_without_email: int
    last_imports: dict[RosterKind, LastImport]

    @property
    def empty(self) -> bool:
        return not (self.staff or self.pupils or self.parents)


async def roster_summary(school: School) -> RosterSummary:
    # One pass over the school's people: how many of each kind, and how many of those lack an
    # address.
    rows = (
        await Person.filter(school=school, left_at__isnull=True)
        .annotate(n=Count("id"), no_email=Count("id", _filter=Q(email__isnull=True) | Q(email="")))
        .group_by("kind")
        .values_list("kind", "n", "no_email")
    )
    people = {kind: n for kind, n, _ in rows}
    no_email = {kind: missing for kind, _, missing in rows}
    return RosterSummary(
        staff=people.get("staff", 0),
        staff_without_email=no_email.get("staff", 0),
        pupils=await Pupil.filter(school=school, left_at__isnull=True).count(),
        parents=people.get("parent", 0),
        parents_without_email=no_email.get("parent", 0),
        last_imports={
            kind: last
            for kind in RosterKind
            if (last := await _last_import(school, kind)) is not None
        },
    )


async def _last_import(school: School, kind: RosterKind) -> LastImport | None:
    # Newest first along the school's chain: imports are rare, but there is one each term.
    event = (
        await AuditEvent.filter(
            chain=audit.chain_key(school), action=IMPORTED, subject=f"{kind} roster"
        )
        .order_by("-seq")
        .first()
    )
    if event is None:
        return None
    return LastImport(at=event.at, actor=event.actor, file=str(event.data.get("file", "")))
