"""A stored campaign with its agreement and version; its reminder schedule and calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from portal.core.agreements import Agreement
from portal.core.reminders import ReminderSchedule, SchoolCalendar, Term
from portal.store import campaigns as store
from portal.store.agreements import load_agreement
from portal.store.campaign_models import Campaign
from portal.store.models import AgreementVersion, School


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


def schedule_of(campaign: Campaign) -> ReminderSchedule:
    return ReminderSchedule(
        after_days=tuple(campaign.reminder_after_days),
        then_every_days=campaign.reminder_every_days,
        max_reminders=campaign.reminder_max,
    )


async def calendar_of(school: School) -> SchoolCalendar:
    terms = await store.terms(school)
    return SchoolCalendar(school.timezone, tuple(Term(t.starts_on, t.ends_on) for t in terms))
