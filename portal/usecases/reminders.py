"""Email reminders for campaigns: whatever step is due now, to whoever still has not signed.

Each reminder carries the person's current link (no new link is made here) and is claimed by a
unique delivery key before it is sent, `reminder:<invitation>:step-<n>:email`, so two runs at
once, or a run repeated after a crash, never remind anyone twice for the same step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from portal.core.reminders import due_step
from portal.settings import Settings
from portal.store import campaigns as store
from portal.store import invitations as invitation_store
from portal.store import replies
from portal.store.models import Invitation
from portal.usecases.campaign_sending import reminder_message
from portal.usecases.campaigns import (
    Loaded,
    calendar_of,
    duties_of,
    load,
    schedule_of,
    still_in_force,
)
from portal.usecases.delivery import LazyMailer, send_claimed
from portal.usecases.obligations import Duty

ACTOR = "signoff reminders"


@dataclass
class ReminderReport:
    campaigns: int = 0
    """Campaigns with a step due."""
    sent: int = 0
    already_sent: int = 0
    no_email: int = 0
    no_live_link: int = 0
    awaiting_reply: int = 0
    """Not reminded: they asked a question or said they don't agree, and the office has not
    marked the reply answered yet."""
    failed: list[str] = field(default_factory=list)


async def remind_due(settings: Settings, now: datetime | None = None) -> ReminderReport:
    """Send every campaign's reminder step that is due at `now`."""
    now = now or datetime.now(UTC)
    report = ReminderReport()
    for row in await store.active():
        school = await store.school_of(row)
        loaded = await load(school, row.id)
        # A newer version in force needs a campaign of its own: its links sign the old text.
        if loaded is None or loaded.row.started_at is None or not still_in_force(loaded, now):
            continue
        calendar = await calendar_of(school)
        step = due_step(schedule_of(row), calendar, loaded.row.started_at, row.reminders_sent, now)
        if step is None:
            continue
        report.campaigns += 1
        await _remind(settings, loaded, step, now, report)
        await store.reminder_sent(row.id, step, now)
    return report


async def _remind(
    settings: Settings, loaded: Loaded, step: int, now: datetime, report: ReminderReport
) -> None:
    duties, _ = await duties_of(settings, loaded, now)
    live = await invitation_store.open_invitations(loaded.version.id, now)
    waiting = await replies.unanswered(loaded.version.id)
    async with LazyMailer(settings) as mailer:
        for duty in duties:
            invitation = _current_link(duty, live.get(duty.signer.id), report)
            if invitation is None:
                continue
            if invitation.id in waiting:  # a reminder would talk past their question
                report.awaiting_reply += 1
                continue
            await _send_one(settings, loaded, duty, invitation, step, mailer, report)


def _current_link(
    duty: Duty, invitation: Invitation | None, report: ReminderReport
) -> Invitation | None:
    if not duty.signer.email:
        report.no_email += 1
        return None
    # A link that has expired, or no longer covers every pupil, needs the office to send again.
    if invitation is None or not {p.id for p in duty.pupils} <= set(invitation.pupil_ids):
        report.no_live_link += 1
        return None
    return invitation


async def _send_one(
    settings: Settings,
    loaded: Loaded,
    duty: Duty,
    invitation: Invitation,
    step: int,
    mailer: LazyMailer,
    report: ReminderReport,
) -> None:
    key = f"reminder:{invitation.id}:step-{step}:email"
    address = duty.signer.email or ""
    if not await invitation_store.claim_delivery(
        loaded.school, invitation, purpose="reminder", address=address, key=key
    ):
        report.already_sent += 1
        return
    await store.set_delivery_step(key, step)
    message = reminder_message(settings, loaded, duty, invitation)
    error = await send_claimed(mailer, loaded.school, invitation, message, key=key, actor=ACTOR)
    if error:
        report.failed.append(f"{duty.signer.full_name}: {error}")
    else:
        report.sent += 1
