"""Sending a campaign: an invitation for everyone who must sign, emailed to those with an address.

Runs after the page that started it has answered; progress is written to the campaign as it goes
so the progress page can show it. Safe to run again: live invitations are reused and each is
emailed at most once (the delivery key is the one `signoff invite` uses).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from portal.mail import MailNotConfigured, Message, smtp_target
from portal.settings import Settings
from portal.store import campaigns as store
from portal.store import invitations as invitation_store
from portal.store.models import Invitation, School
from portal.usecases.campaigns import (
    STALLED,
    CampaignError,
    Loaded,
    duties_of,
    load,
    still_in_force,
)
from portal.usecases.delivery import LazyMailer, letter, send_claimed
from portal.usecases.invitations import invitation_for, sign_url
from portal.usecases.obligations import Duty

log = logging.getLogger(__name__)

_FLUSH_EVERY = 10
_FLUSH_SECONDS = 0.5


@dataclass
class SendReport:
    total: int = 0
    emailed: int = 0
    already_emailed: int = 0
    on_paper: int = 0
    failed: list[str] = field(default_factory=list)


async def start_sending(
    settings: Settings, school: School, campaign_id: int, now: datetime
) -> bool:
    """Claim the campaign for one sender; False when another is already at work on it."""
    try:
        smtp_target(settings)
    except MailNotConfigured:
        raise CampaignError(
            "Email is not set up on this server, so nothing can be sent. Ask whoever runs "
            "Signoff to set SIGNOFF_SMTP_URL; the paper list works without it."
        ) from None
    loaded = await load(school, campaign_id)
    if loaded is None:
        raise CampaignError("No such campaign.")
    if loaded.row.status == "closed":
        raise CampaignError("This campaign is closed.")
    if not still_in_force(loaded, now):
        raise CampaignError(
            f"A newer version of {loaded.agreement.title} is now in force: start a new campaign."
        )
    return await store.claim_sending(loaded.row, now, resume_before=now - STALLED)


async def send(
    settings: Settings, school: School, campaign_id: int, actor: str, now: datetime | None = None
) -> SendReport:
    """Invite and email everyone the campaign still needs; call after `start_sending`."""
    now = now or datetime.now(UTC)
    loaded = await load(school, campaign_id)
    if loaded is None:
        raise CampaignError("No such campaign.")
    duties, _ = await duties_of(settings, loaded, now)
    await store.set_total(loaded.row.id, len(duties), now)
    report = SendReport(total=len(duties))
    progress = _Progress(loaded.row.id)
    live = await invitation_store.open_invitations(loaded.version.id, now)
    expires = now + timedelta(days=settings.invitation_days)
    async with LazyMailer(settings) as mailer:
        for duty in duties:
            invitation = await _invitation(loaded, duty, live, expires, actor)
            outcome = await _deliver(settings, loaded, duty, invitation, mailer, actor, report)
            await progress.step(outcome)
    await progress.flush()
    await store.finish_sending(loaded.row, school, actor, datetime.now(UTC))
    return report


async def run_in_background(
    settings: Settings, school: School, campaign_id: int, actor: str
) -> None:
    """The send as a background task: a failure is logged, and the campaign can be resumed."""
    try:
        await send(settings, school, campaign_id, actor)
    except Exception:
        # Nobody awaits a background task: say what went wrong. The campaign stays "sending",
        # so the page offers to resume once it has been still for a while.
        log.exception("sending campaign %s stopped", campaign_id)


async def _invitation(
    loaded: Loaded, duty: Duty, live: dict[int, Invitation], expires: datetime, actor: str
) -> Invitation:
    invitation, created = await invitation_for(
        loaded.school,
        duty,
        live.get(duty.signer.id),
        agreement_id=loaded.agreement_id,
        version_id=loaded.version.id,
        expires=expires,
        actor=actor,
    )
    if created:
        await store.stamp_invitations(loaded.row.id, [invitation.id])
    return invitation


async def _deliver(
    settings: Settings,
    loaded: Loaded,
    duty: Duty,
    invitation: Invitation,
    mailer: LazyMailer,
    actor: str,
    report: SendReport,
) -> str:
    """Email one invitation; the outcome names the progress counter it adds to."""
    email = duty.signer.email
    if not email:
        report.on_paper += 1
        return "on_paper"
    key = f"invitation:{invitation.id}:email"
    if not await invitation_store.claim_delivery(
        loaded.school, invitation, purpose="invitation", address=email, key=key
    ):
        report.already_emailed += 1
        return ""
    message = invitation_message(settings, loaded, duty, invitation)
    error = await send_claimed(mailer, loaded.school, invitation, message, key=key, actor=actor)
    if error:
        report.failed.append(f"{duty.signer.full_name}: {error}")
        return "failed"
    report.emailed += 1
    return "emailed"


def invitation_message(
    settings: Settings, loaded: Loaded, duty: Duty, invitation: Invitation
) -> Message:
    return _message("invitation", "Please sign", settings, loaded, duty, invitation)


def reminder_message(
    settings: Settings, loaded: Loaded, duty: Duty, invitation: Invitation
) -> Message:
    return _message("reminder", "Reminder: please sign", settings, loaded, duty, invitation)


def _message(
    template: str,
    lead: str,
    settings: Settings,
    loaded: Loaded,
    duty: Duty,
    invitation: Invitation,
) -> Message:
    return letter(
        template,
        lead,
        school=loaded.school,
        title=loaded.agreement.title,
        version=loaded.version.label,
        duty=duty,
        invitation=invitation,
        link=sign_url(settings, invitation.id),
    )


class _Progress:
    """Adds to the campaign's counters every few people, not on every one."""

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        self.pending: dict[str, int] = {}
        self.last = time.monotonic()

    async def step(self, outcome: str) -> None:
        self.pending["processed"] = self.pending.get("processed", 0) + 1
        if outcome:
            self.pending[outcome] = self.pending.get(outcome, 0) + 1
        if (
            self.pending["processed"] >= _FLUSH_EVERY
            or time.monotonic() - self.last > _FLUSH_SECONDS
        ):
            await self.flush()

    async def flush(self) -> None:
        await store.add_progress(self.campaign_id, self.pending, datetime.now(UTC))
        self.pending, self.last = {}, time.monotonic()
