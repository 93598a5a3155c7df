"""A campaign's words: what the office asks for, and what it is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from portal.core.agreements import Agreement
from portal.core.reminders import ReminderSchedule
from portal.usecases.obligations import Duty, PupilRef

DEFAULT_SCHEDULE = ReminderSchedule()
STALLED = timedelta(minutes=2)
"""A send with no progress for this long is taken to have died, and may be resumed."""


class CampaignError(ValueError):
    """The request cannot be carried out as asked; the message says why, for the office."""


class AudienceKind(StrEnum):
    WHOLE_SCHOOL = "whole-school"
    YEAR_GROUPS = "year-groups"
    CLASSES = "classes"
    STAFF_TEAMS = "staff-teams"


@dataclass(frozen=True, slots=True)
class Choices:
    """What the new-campaign form offers."""

    agreements: list[dict[str, str]]
    year_groups: list[str]
    classes: list[tuple[str, str]]
    teams: list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class NewCampaign:
    agreement: str
    name: str
    audience: AudienceKind
    groups: tuple[str, ...] = ()
    """Year groups, classes as "<year group>|<form>", or team ids."""
    schedule: ReminderSchedule = DEFAULT_SCHEDULE


@dataclass(frozen=True, slots=True)
class Letter:
    """One person who must sign and has no email address: they get a paper letter."""

    person_id: int
    full_name: str
    pupils: tuple[PupilRef, ...]
    link: str = ""
    qr_svg: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """A campaign as the office sees it."""

    id: int
    name: str
    status: str
    agreement: Agreement
    version: str
    statement: str
    audience: str
    schedule: ReminderSchedule
    created_by: str
    created_at: datetime
    started_at: datetime | None
    total: int
    processed: int
    emailed: int
    on_paper: int
    failed: int
    reminders_sent: int
    next_reminder: datetime | None
    stalled: bool

    @property
    def percent_done(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100


@dataclass(frozen=True, slots=True)
class Preview:
    campaign: View
    duties: tuple[Duty, ...]
    letters: tuple[Letter, ...]
    unreachable: tuple[PupilRef, ...]
    """Pupils in the audience with no adult with parental responsibility on record."""

    @property
    def must_sign(self) -> int:
        return len(self.duties)

    @property
    def with_email(self) -> int:
        return len(self.duties) - len(self.letters)

    @property
    def subjects(self) -> int:
        return len({s.key if s.pupil else d.signer.id for d in self.duties for s in d.subjects})
