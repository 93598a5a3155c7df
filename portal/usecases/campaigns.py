"""Campaigns: ask a group to sign one version, see who must sign and who has no email, and
narrow "who must sign" to the campaign's audience for sending, letters and reminders.

Who must sign comes from `usecases.obligations` and is narrowed to the campaign's audience;
invitations and their deliveries go through `store.invitations`, as the `signoff invite` command's
do, so a person invited both ways is never emailed twice for the same link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from portal.core.agreements import Agreement, Audience
from portal.core.reminders import ReminderSchedule, SchoolCalendar, Term, next_due_at
from portal.settings import Settings
from portal.store import campaigns as store
from portal.store.agreements import load_agreement
from portal.store.campaign_models import Campaign
from portal.store.models import AgreementVersion, School
from portal.usecases import invitations
from portal.usecases.obligations import Duty, PupilRef, Scope, roll

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


_FOR = {
    Audience.STAFF: {AudienceKind.WHOLE_SCHOOL, AudienceKind.STAFF_TEAMS},
    Audience.PARENT: {AudienceKind.WHOLE_SCHOOL, AudienceKind.YEAR_GROUPS, AudienceKind.CLASSES},
}


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


def schedule_of(campaign: Campaign) -> ReminderSchedule:
    return ReminderSchedule(
        after_days=tuple(campaign.reminder_after_days),
        then_every_days=campaign.reminder_every_days,
        max_reminders=campaign.reminder_max,
    )


async def calendar_of(school: School) -> SchoolCalendar:
    terms = await store.terms(school)
    return SchoolCalendar(school.timezone, tuple(Term(t.starts_on, t.ends_on) for t in terms))


async def choices(school: School) -> Choices:
    found = await store.year_groups_and_classes(school)
    return Choices(
        agreements=await store.agreement_rows(school),
        year_groups=sorted({year for year, _ in found if year}),
        classes=[(year, form) for year, form in found if form],
        teams=await store.teams(school),
    )


async def create_campaign(school: School, new: NewCampaign, actor: str, now: datetime) -> Campaign:
    row = await store.agreement_row(school, new.agreement)
    if row is None:
        raise CampaignError("Choose an agreement.")
    agreement = await load_agreement(row)
    today = now.astimezone(ZoneInfo(school.timezone)).date()
    in_force = agreement.in_force(today)
    if in_force is None:
        raise CampaignError(f"{agreement.title} has no version in force yet.")
    _check_audience(agreement, new)
    version = await store.version_row(row.id, in_force.label)
    assert version is not None
    fields = {
        "agreement": row,
        "version": version,
        "name": new.name.strip() or f"{agreement.title} ({in_force.label})",
        "audience_kind": new.audience.value,
        "audience_values": list(new.groups),
        "reminder_after_days": list(new.schedule.after_days),
        "reminder_every_days": new.schedule.then_every_days,
        "reminder_max": new.schedule.max_reminders,
    }
    return await store.create(school, fields, actor)


def _check_audience(agreement: Agreement, new: NewCampaign) -> None:
    if new.audience not in _FOR[agreement.audience]:
        who = "staff" if agreement.audience is Audience.STAFF else "parents and carers"
        raise CampaignError(f"{agreement.title} is signed by {who}: choose a matching audience.")
    if new.audience is not AudienceKind.WHOLE_SCHOOL and not new.groups:
        raise CampaignError("Choose at least one group, or the whole school.")


async def view(school: School, campaign_id: int, now: datetime) -> View | None:
    loaded = await load(school, campaign_id)
    return None if loaded is None else await view_of(loaded, now)


async def listing(school: School) -> list[dict[str, object]]:
    return await store.listing(school)


async def preview(
    settings: Settings, school: School, campaign_id: int, now: datetime
) -> Preview | None:
    """Who must sign, who needs a paper letter, and which pupils nobody can sign for."""
    loaded = await load(school, campaign_id)
    if loaded is None:
        return None
    duties, unreachable = await duties_of(settings, loaded, now)
    letters = tuple(
        Letter(d.signer.id, d.signer.full_name, d.pupils) for d in duties if not d.signer.email
    )
    return Preview(await view_of(loaded, now), tuple(duties), letters, tuple(unreachable))


async def outstanding(
    settings: Settings,
    school: School,
    campaign_id: int,
    now: datetime,
    *,
    name: str = "",
    person_id: int | None = None,
    limit: int = 50,
) -> list[Duty] | None:
    """Who the campaign still needs, found by part of a name or by id (for recording a slip)."""
    loaded = await load(school, campaign_id)
    if loaded is None:
        return None
    duties, _ = await duties_of(settings, loaded, now)
    wanted = name.strip().casefold()
    found = [
        d
        for d in duties
        if (person_id is None or d.signer.id == person_id)
        and (
            not wanted
            or wanted in d.signer.full_name.casefold()
            or any(wanted in p.full_name.casefold() for p in d.pupils)
        )
    ]
    return found[:limit]


async def close(school: School, campaign_id: int, actor: str) -> bool | None:
    """Stop a campaign's reminders; None when the school has no such campaign."""
    loaded = await load(school, campaign_id)
    return None if loaded is None else await store.close(loaded.row, school, actor)


# -- shared with sending and reminders ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    row: Campaign
    school: School
    agreement: Agreement
    agreement_id: int
    version: AgreementVersion


def still_in_force(loaded: Loaded, now: datetime) -> bool:
    """Whether the campaign's version is still the one to sign (else a new campaign is due)."""
    today = now.astimezone(ZoneInfo(loaded.school.timezone)).date()
    current = loaded.agreement.in_force(today)
    return current is not None and current.label == loaded.version.label


async def load(school: School, campaign_id: int) -> Loaded | None:
    row = await store.get(school, campaign_id)
    if row is None:
        return None
    agreement_row, version = await store.agreement_and_version(row)
    agreement = await load_agreement(agreement_row)
    return Loaded(row, school, agreement, agreement_row.id, version)


async def duties_of(
    settings: Settings, loaded: Loaded, now: datetime
) -> tuple[list[Duty], list[PupilRef]]:
    """Outstanding duties in the audience, less signatures of this version that still count.

    A lapsed signature of the same version is asked for again (a new round).
    """
    today = now.astimezone(ZoneInfo(loaded.school.timezone)).date()
    current = await roll(loaded.agreement, today, Scope(), settings.due_soon_days)
    keep = await _audience_filter(loaded)
    duties = [kept for d in current.duties if (kept := keep(d)) is not None]
    unsigned = await invitations.unsigned(duties, loaded.version.id, today)
    unreachable = [
        s.pupil for s in current.unreachable if s.pupil is not None and keep.pupil(s.pupil)
    ]
    return unsigned, unreachable


class _Keep:
    """Narrows duties to the campaign's audience."""

    def __init__(self, kind: AudienceKind, groups: Sequence[str], members: set[int]) -> None:
        self.kind, self.groups, self.members = kind, set(groups), members

    def pupil(self, pupil: PupilRef) -> bool:
        if self.kind is AudienceKind.YEAR_GROUPS:
            return pupil.year_group in self.groups
        if self.kind is AudienceKind.CLASSES:
            return f"{pupil.year_group}|{pupil.form}" in self.groups
        return True

    def __call__(self, duty: Duty) -> Duty | None:
        if self.kind is AudienceKind.STAFF_TEAMS:
            return duty if duty.signer.id in self.members else None
        subjects = tuple(s for s in duty.subjects if s.pupil is None or self.pupil(s.pupil))
        return Duty(duty.signer, subjects) if subjects else None


async def _audience_filter(loaded: Loaded) -> _Keep:
    kind = AudienceKind(loaded.row.audience_kind)
    groups = [str(g) for g in loaded.row.audience_values]
    members: set[int] = set()
    if kind is AudienceKind.STAFF_TEAMS:
        members = await store.team_members(loaded.school, [int(g) for g in groups if g.isdigit()])
    return _Keep(kind, groups, members)


async def view_of(loaded: Loaded, now: datetime) -> View:
    row, schedule = loaded.row, schedule_of(loaded.row)
    following = None
    if row.status == "sent" and row.started_at is not None:
        calendar = await calendar_of(loaded.school)
        following = next_due_at(schedule, calendar, row.started_at, row.reminders_sent, now)
    version = loaded.agreement.version(loaded.version.label)
    return View(
        id=row.id,
        name=row.name,
        status=row.status,
        agreement=loaded.agreement,
        version=loaded.version.label,
        statement=version.statement if version else "",
        audience=await _describe_audience(loaded),
        schedule=schedule,
        created_by=row.created_by,
        created_at=row.created_at,
        started_at=row.started_at,
        total=row.total,
        processed=row.processed,
        emailed=row.emailed,
        on_paper=row.on_paper,
        failed=row.failed,
        reminders_sent=row.reminders_sent,
        next_reminder=following,
        stalled=row.status == "sending"
        and (row.progress_at is None or row.progress_at < now - STALLED),
    )


async def _describe_audience(loaded: Loaded) -> str:
    kind, groups = (
        AudienceKind(loaded.row.audience_kind),
        [str(g) for g in loaded.row.audience_values],
    )
    if kind is AudienceKind.WHOLE_SCHOOL:
        return "Whole school"
    if kind is AudienceKind.STAFF_TEAMS:
        names = dict(await store.teams(loaded.school))
        return "Teams: " + ", ".join(names.get(int(g), f"team {g}") for g in groups if g.isdigit())
    if kind is AudienceKind.CLASSES:
        return "Classes: " + ", ".join(
            f"{g.partition('|')[2]} ({g.partition('|')[0]})" for g in groups
        )
    return "Year groups: " + ", ".join(groups)
