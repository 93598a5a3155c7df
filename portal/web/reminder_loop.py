"""The server's own reminder round: `remind_due` every `settings.reminder_interval_seconds`.

Several servers may run it at once; the delivery keys make that safe.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from portal.settings import Settings
from portal.usecases.reminders import remind_due

log = logging.getLogger(__name__)


async def _loop(settings: Settings) -> None:
    while True:
        await asyncio.sleep(settings.reminder_interval_seconds)
        try:
            report = await remind_due(settings)
        except Exception:
            # One bad round (mail server down, database restarting) must not end the loop.
            log.exception(
                "reminder round failed; trying again in %ss", settings.reminder_interval_seconds
            )
            continue
        if report.campaigns:
            log.info("reminders: %s sent, %s failed", report.sent, len(report.failed))


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[None]:
    """Runs the loop for the app's lifetime; does nothing when the interval is 0 or mail is off."""
    if settings.reminder_interval_seconds <= 0 or not settings.smtp_url:
        yield
        return
    task = asyncio.create_task(_loop(settings), name="signoff-reminders")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
