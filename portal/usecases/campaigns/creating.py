"""Starting and closing campaigns, and what the new-campaign form offers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from portal.store import campaigns as store
from portal.store.agreements import load_agreement
from portal.store.campaign_models import Campaign
from portal.store.models import School
from portal.usecases.campaigns.audience import check_audience
from portal.usecases.campaigns.loading import load
from portal.usecases.campaigns.model import CampaignError, Choices, NewCampaign
from portal.wording import natural_key


async def choices(school: School) -> Choices:
    found = await store.year_groups_and_classes(school)
    return Choices(
        agreements=await store.agreement_rows(school),
        year_groups=sorted({year for year, _ in found if year}, key=natural_key),
        classes=sorted(((y, f) for y, f in found if f), key=lambda c: natural_key("|".join(c))),
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
    check_audience(agreement, new)
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


async def close(school: School, campaign_id: int, actor: str) -> bool | None:
    """Stop a campaign's reminders; None when the school has no such campaign."""
    loaded = await load(school, campaign_id)
    return None if loaded is None else await store.close(loaded.row, school, actor)
