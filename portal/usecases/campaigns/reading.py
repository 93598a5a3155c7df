"""A campaign as the office sees it: progress, who must sign, who still has to."""

from __future__ import annotations

from datetime import datetime

from portal.core.reminders import next_due_at
from portal.settings import Settings
from portal.store import campaigns as store
from portal.store.models import School
from portal.usecases.campaigns.audience import describe_audience, duties_of
from portal.usecases.campaigns.loading import Loaded, calendar_of, load, schedule_of
from portal.usecases.campaigns.model import STALLED, Letter, Preview, View
from portal.usecases.obligations import Duty


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
        audience=await describe_audience(loaded),
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
