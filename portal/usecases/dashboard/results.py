"""What the office sees: tallies per status, breakdowns by group, rows of people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.core import agreements as core
from portal.core.completion import STATUS_ORDER
from portal.core.renewals import Status

STATUS_LABELS = {
    Status.CURRENT: "Signed",
    Status.DUE_SOON: "Due soon",
    Status.OVERDUE: "Overdue",
    Status.NEVER_SIGNED: "Never signed",
    Status.SUPERSEDED: "Signed an old version",
}
NO_TEAM = "none"


@dataclass(frozen=True, slots=True)
class Tally:
    counts: dict[Status, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, status: Status) -> int:
        return self.counts.get(status, 0)

    @property
    def covered(self) -> int:
        """Signed and still counting, including those due to renew soon."""
        return self[Status.CURRENT] + self[Status.DUE_SOON]

    def percent(self, status: Status | None = None) -> int:
        part = self.covered if status is None else self[status]
        return round(100 * part / self.total) if self.total else 0

    def ordered(self) -> list[tuple[Status, int]]:
        return [(s, self[s]) for s in STATUS_ORDER]

    def __add__(self, other: Tally) -> Tally:
        return Tally({s: self[s] + other[s] for s in Status})


@dataclass(frozen=True, slots=True)
class Group:
    """One row of a breakdown; `key` is what the people filter takes to show just this group."""

    kind: str  # year | class | team
    key: str
    label: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class Completion:
    school: str
    slug: str
    title: str
    audience: core.Audience
    signers: core.SignerRule
    in_force: str
    tally: Tally
    breakdowns: dict[str, list[Group]] = field(default_factory=dict)

    @property
    def counts_pupils(self) -> bool:
        return self.audience is core.Audience.PARENT


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    status: Status | None = None
    group: str = ""
    """A Group key: "year:<year group>", "class:<year group>|<form>", "team:<id>" or "team:none"."""


@dataclass(frozen=True, slots=True)
class Adult:
    id: int
    full_name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    full_name: str
    status: Status
    email: str | None
    groups: str
    """Teams, or year group and class."""
    signed_version: str
    signed_on: date | None
    valid_until: date | None
    adults: tuple[Adult, ...] = ()


@dataclass(frozen=True, slots=True)
class People:
    completion: Completion
    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class SchoolRollup:
    slug: str
    name: str
    staff: Tally
    pupils: Tally
    agreements: list[Completion]
