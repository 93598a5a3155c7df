"""The rows the completion queries take and give back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class VersionRow:
    id: int
    label: str
    effective: date
    material: bool
    sha256: str


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: int
    school_id: int
    slug: str
    title: str
    audience: str
    renewal: str
    anchor: str
    signers: str
    versions: tuple[VersionRow, ...]


@dataclass(frozen=True, slots=True)
class Spec:
    """What the query needs to rank one agreement's subjects."""

    school_id: int
    agreement_id: int
    audience: str  # staff | parent
    every: bool
    """Parent agreements: every adult with parental responsibility must sign (else any one)."""
    groups: tuple[tuple[int, ...], ...]
    """Version ids by effective date, newest first."""
    current_groups: int
    """How many leading groups are not superseded."""
    overdue_at: datetime | None
    due_soon_at: datetime | None


@dataclass(frozen=True, slots=True)
class Filter:
    rank: int | None = None
    year_group: str | None = None
    form: str | None = None
    team_id: int | None = None
    no_team: bool = False


@dataclass(frozen=True, slots=True)
class CountRow:
    """How many subjects of one group stand at one rank."""

    rank: int
    count: int
    year_group: str = ""
    form: str = ""
    team_id: int | None = None
    everyone: bool = False
    """Staff only: the row counts everyone once, whatever their teams."""


@dataclass(frozen=True, slots=True)
class SubjectRow:
    id: int
    full_name: str
    rank: int
    latest_at: datetime | None
    latest_group: int | None
    email: str | None = None
    year_group: str = ""
    form: str = ""
    teams: tuple[str, ...] = ()
    adults: tuple[tuple[int, str, str | None], ...] = field(default=())
    """Parent agreements: (id, name, email) of each adult with parental responsibility."""
