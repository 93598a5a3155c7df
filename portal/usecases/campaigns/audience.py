"""Who a campaign asks: the agreement's duties narrowed to its audience."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from portal.core.agreements import Agreement, Audience
from portal.settings import Settings
from portal.store import campaigns as store
from portal.usecases import invitations
from portal.usecases.campaigns.loading import Loaded
from portal.usecases.campaigns.model import AudienceKind, CampaignError, NewCampaign
from portal.usecases.obligations import Duty, PupilRef, Scope, roll

_FOR = {
    Audience.STAFF: {AudienceKind.WHOLE_SCHOOL, AudienceKind.STAFF_TEAMS},
    Audience.PARENT: {AudienceKind.WHOLE_SCHOOL, AudienceKind.YEAR_GROUPS, AudienceKind.CLASSES},
}


def check_audience(agreement: Agreement, new: NewCampaign) -> None:
    if new.audience not in _FOR[agreement.audience]:
        who = "staff" if agreement.audience is Audience.STAFF else "parents and carers"
        raise CampaignError(f"{agreement.title} is signed by {who}: choose a matching audience.")
    if new.audience is not AudienceKind.WHOLE_SCHOOL and not new.groups:
        raise CampaignError("Choose at least one group, or the whole school.")


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


async def describe_audience(loaded: Loaded) -> str:
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
