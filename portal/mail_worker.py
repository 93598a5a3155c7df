"""The mail worker: the process that sends what the portal owes by mail.

With SIGNOFF_MAIL_WORKER on, each portal process records the receipts it owes and goes back to
its signers; this process sends them, every second, and runs the reminder round the portals
would otherwise run. A rush of signatures then never shares an event loop with SMTP. Several
workers may run at once: every receipt is claimed before it goes, and the reminders' delivery
keys stop anyone being reminded twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

from portal.settings import Settings
from portal.usecases import receipts
from portal.usecases.reminders import ReminderReport, remind_due

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
# A receipt should reach the parent while the receipt page is still open.
RECEIPT_POLL_SECONDS = 1.0
# After failed rounds (database restarting, relay down) wait longer each time, up to this.
MAX_BACKOFF_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Round:
    receipts_sent: int
    reminders: ReminderReport | None
    """None when the reminder round was not due this time."""


def utc_now() -> datetime:
    return datetime.now(UTC)


async def one_round(settings: Settings, now: datetime, *, reminders: bool = True) -> Round:
    """Send every receipt owed now and, when asked, the reminders due now."""
    sent = await receipts.send_owed(settings, now)
    report = await remind_due(settings, now) if reminders else None
    return Round(sent, report)


def log_round(done: Round) -> None:
    if done.receipts_sent:
        log.info("receipts: %s sent", done.receipts_sent)
    if done.reminders is not None and done.reminders.campaigns:
        log.info("reminders: %s sent, %s failed", done.reminders.sent, len(done.reminders.failed))


async def work(
    settings: Settings,
    stop: asyncio.Event,
    *,
    clock: Clock = utc_now,
    poll: float = RECEIPT_POLL_SECONDS,
) -> None:
    """Rounds until `stop` is set; a round under way when it is set is finished first, so no
    receipt is left claimed and unsent."""
    loop = asyncio.get_running_loop()
    reminders_every = settings.reminder_interval_seconds
    next_reminders = loop.time()
    wait = poll
    while not stop.is_set():
        due = reminders_every > 0 and loop.time() >= next_reminders
        try:
            done = await one_round(settings, clock(), reminders=due)
        except Exception:
            # One bad round (mail server down, database restarting) must not end the worker.
            wait = min(wait * 2, MAX_BACKOFF_SECONDS)
            log.exception("mail round failed; trying again in %ss", wait)
        else:
            wait = poll
            log_round(done)
            if done.reminders is not None:
                next_reminders = loop.time() + reminders_every
        with suppress(TimeoutError):  # the wait is the point; a stop ends it early
            await asyncio.wait_for(stop.wait(), wait)
