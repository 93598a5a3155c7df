"""Renewal rules turned into boundary dates, so a database can classify many signatures at once.

`renewals.standing()` says where one person stands. A dashboard over thousands of people asks
the same question in SQL; rather than restate the rules there, it compares each person's latest
signature with dates computed here from `renewals.valid_until`, where the arithmetic lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from portal.core.agreements import Agreement, Anchor, Renewal
from portal.core.renewals import Status, valid_until

_LONGEST_CYCLE_DAYS = 366 * 3


class Rank(IntEnum):
    """Statuses from least to most covered: with `every` signer, a pupil takes the lowest."""

    NEVER_SIGNED = 0
    SUPERSEDED = 1
    OVERDUE = 2
    DUE_SOON = 3
    CURRENT = 4

    @property
    def status(self) -> Status:
        return Status(self.name.lower())

    @classmethod
    def of(cls, status: Status) -> Rank:
        return cls[status.name]


STATUS_ORDER = tuple(Status(r.name.lower()) for r in sorted(Rank, reverse=True))
"""Current first, never signed last: the order the dashboard shows them in."""


@dataclass(frozen=True, slots=True)
class Boundaries:
    """How to classify someone's latest signature (by version effective date, then signing day)."""

    material_effective: date | None
    """A latest signature of a version effective before this is superseded; None: never."""
    overdue_before: date | None
    """A latest signature made before this day has lapsed; None: signatures never lapse."""
    due_soon_before: date | None
    """A latest signature made before this day (and not overdue) is due soon."""

    def classify(self, version_effective: date | None, signed_on: date | None) -> Status:
        """The same answer `renewals.standing()` gives, from the latest signature alone."""
        if version_effective is None or signed_on is None:
            return Status.NEVER_SIGNED
        if self.material_effective is not None and version_effective < self.material_effective:
            return Status.SUPERSEDED
        if self.overdue_before is not None and signed_on < self.overdue_before:
            return Status.OVERDUE
        if self.due_soon_before is not None and signed_on < self.due_soon_before:
            return Status.DUE_SOON
        return Status.CURRENT


def earliest_signing_valid_on(renewal: Renewal, anchor: Anchor, day: date) -> date | None:
    """The first signing day whose signature still counts on `day`.

    Found by bisection over `valid_until`, which never decreases as the signing day moves later,
    so this can never disagree with it.
    """
    if renewal is Renewal.NONE:
        return None
    low, high = day - timedelta(days=_LONGEST_CYCLE_DAYS), day
    # Invariant: valid_until(low) < day <= valid_until(high).
    while high - low > timedelta(days=1):
        middle = low + (high - low) // 2
        until = valid_until(renewal, anchor, middle)
        if until is not None and until >= day:
            high = middle
        else:
            low = middle
    return high


def boundaries(agreement: Agreement, today: date, due_soon_days: int) -> Boundaries:
    material = agreement.latest_material(today)
    return Boundaries(
        material_effective=material.effective if material is not None else None,
        overdue_before=earliest_signing_valid_on(agreement.renewal, agreement.anchor, today),
        due_soon_before=earliest_signing_valid_on(
            agreement.renewal, agreement.anchor, today + timedelta(days=due_soon_days)
        ),
    )
