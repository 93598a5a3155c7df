"""When an acknowledgement stops counting: renewal cycles and superseding versions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from portal.core.agreements import Agreement, AgreementVersion, Anchor, Renewal

ACADEMIC_YEAR_START_MONTH = 9
DEFAULT_DUE_SOON_DAYS = 30


class Status(StrEnum):
    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER_SIGNED = "never_signed"
    SUPERSEDED = "superseded"

    @property
    def outstanding(self) -> bool:
        """Whether the person should be asked to sign (again) now."""
        return self in {Status.OVERDUE, Status.NEVER_SIGNED, Status.SUPERSEDED}


@dataclass(frozen=True, slots=True)
class Signature:
    """The facts renewal needs about one acknowledgement."""

    version_label: str
    signed_on: date
    round: int = 1
    """1 for the first signature of its version for its subject; each renewal adds one."""


@dataclass(frozen=True, slots=True)
class Standing:
    status: Status
    signed: Signature | None = None
    valid_until: date | None = None
    """The last day the signature counts; None when it never lapses by time."""
    required: AgreementVersion | None = None
    """The version to sign now: the one in force."""


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def academic_year_start(day: date) -> date:
    year = day.year if day.month >= ACADEMIC_YEAR_START_MONTH else day.year - 1
    return date(year, ACADEMIC_YEAR_START_MONTH, 1)


def school_day(moment: datetime, zone: tzinfo) -> date:
    """The day on the school's calendar: a signature late at night in London is UTC's next day."""
    return moment.astimezone(zone).date()


def valid_until(renewal: Renewal, anchor: Anchor, signed_on: date) -> date | None:
    if renewal is Renewal.NONE:
        return None
    if anchor is Anchor.ACADEMIC_YEAR:
        # Covers the academic year it was signed in, and the next one too when biennial.
        return add_years(academic_year_start(signed_on), renewal.years) - timedelta(days=1)
    return add_years(signed_on, renewal.years) - timedelta(days=1)


def counts_on(renewal: Renewal, anchor: Anchor, signed_on: date, today: date) -> bool:
    """Whether a signature of the version in force still counts today, or must be renewed."""
    until = valid_until(renewal, anchor, signed_on)
    return until is None or today <= until


def standing(
    agreement: Agreement,
    signatures: Iterable[Signature],
    today: date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Standing:
    """Where one person (or, for parent agreements, one pupil) stands with one agreement today."""
    required = agreement.in_force(today)
    effective = {v.label: v.effective for v in agreement.versions}
    known = [s for s in signatures if s.version_label in effective]
    if not known:
        return Standing(Status.NEVER_SIGNED, required=required)
    latest = max(known, key=lambda s: (effective[s.version_label], s.signed_on))
    material = agreement.latest_material(today)
    if material is not None and effective[latest.version_label] < material.effective:
        return Standing(Status.SUPERSEDED, latest, required=required)
    until = valid_until(agreement.renewal, agreement.anchor, latest.signed_on)
    if until is None:
        return Standing(Status.CURRENT, latest, None, required)
    if today > until:
        return Standing(Status.OVERDUE, latest, until, required)
    if (until - today).days < due_soon_days:
        return Standing(Status.DUE_SOON, latest, until, required)
    return Standing(Status.CURRENT, latest, until, required)
