"""The server's own mail round every `settings.reminder_interval_seconds`: receipts still owed
(left by a restart, or waiting to be tried again), then `remind_due`.

Several servers may run it at once; the delivery keys make that safe.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from portal import mail_worker
from portal.mail_worker import Clock
from portal.settings import Settings

log = logging.getLogger(__name__)


async def _loop(settings: Settings, clock: Clock, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            done = await mail_worker.one_round(settings, clock())
        except Exception:
            # One bad round (mail server down, database restarting) must not end the loop.
            log.exception("reminder round failed; trying again in %ss", interval)
            continue
        mail_worker.log_round(done)


@asynccontextmanager
async def running(
    settings: Settings, *, clock: Clock = mail_worker.utc_now, interval: float | None = None
) -> AsyncIterator[None]:
    """Runs the loop for the app's lifetime; does nothing when the interval is 0, mail is off or
    the mail worker (`signoff mail-worker`) runs the round instead.

    `interval` (seconds) overrides the settings' and `clock` says what time it is: tests pass both.
    """
    seconds = settings.reminder_interval_seconds if interval is None else interval
    if seconds <= 0 or not settings.smtp_url or settings.mail_worker:
        yield
        return
    task = asyncio.create_task(_loop(settings, clock, seconds), name="signoff-reminders")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
