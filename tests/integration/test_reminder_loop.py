"""The server's reminder loop on its own clock: due steps go out once, whatever the ticks."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime

from portal.store.campaign_models import Campaign
from portal.web import reminder_loop
from tests.conftest import make_settings
from tests.factories import make_school, make_staff, publish_seeds
from tests.integration.test_reminders import at, sent_campaign
from tests.mailpeer import MailPeer

TICK = 0.01


class SteppingClock:
    """A moment per tick, staying on the last; notes what `observe` says as each tick starts."""

    def __init__(self, moments: list[datetime | Exception], observe: Callable[[], int]) -> None:
        self.moments, self.observe = moments, observe
        self.seen: list[int] = []

    def __call__(self) -> datetime:
        self.seen.append(self.observe())
        moment = self.moments[min(len(self.seen), len(self.moments)) - 1]
        if isinstance(moment, Exception):
            raise moment
        return moment

    async def wait_for(self, ticks: int, within: float = 10) -> None:
        deadline = time.monotonic() + within
        while len(self.seen) < ticks and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(TICK)
        assert len(self.seen) >= ticks, f"the loop ticked {len(self.seen)} times, not {ticks}"


def reminders_in(peer: MailPeer) -> list[str]:
    return [m["To"] for m in peer.messages if m["Subject"].startswith("Reminder")]


async def test_a_due_step_is_sent_once_across_ticks(db, mail_settings, mail_peer):
    await publish_seeds()
    school = await make_school("clearwell")
    staff = [await make_staff(school, name=f"Teacher {n}") for n in range(3)]
    campaign = await sent_campaign(mail_settings, school)
    await mail_peer.wait_for(3)
    # Wednesday (too early), then Thursday 11:00 (step 1 due), then later the same day.
    moments: list[datetime | Exception] = [at(10, 9), at(10, 10, 11), at(10, 10, 12)]
    clock = SteppingClock(moments, lambda: len(reminders_in(mail_peer)))
    async with reminder_loop.running(mail_settings, clock=clock, interval=TICK):
        await clock.wait_for(6)  # five rounds finished
    # What had arrived as each tick began: nothing after Wednesday's round, all three after
    # Thursday's first, and nothing more after that.
    assert clock.seen[:6] == [0, 0, 3, 3, 3, 3]
    assert sorted(reminders_in(mail_peer)) == sorted(s.email for s in staff)
    assert (await Campaign.get(id=campaign.id)).reminders_sent == 1


async def test_a_failed_round_does_not_end_the_loop(db, mail_settings, mail_peer, caplog):
    await publish_seeds()
    school = await make_school("clearwell")
    await make_staff(school)
    await sent_campaign(mail_settings, school)
    await mail_peer.wait_for(1)
    moments: list[datetime | Exception] = [RuntimeError("database restarting"), at(10, 10, 11)]
    clock = SteppingClock(moments, lambda: len(reminders_in(mail_peer)))
    with caplog.at_level(logging.ERROR, logger=reminder_loop.__name__):
        async with reminder_loop.running(mail_settings, clock=clock, interval=TICK):
            await clock.wait_for(4)
    assert clock.seen[:4] == [0, 0, 1, 1]
    assert "reminder round failed" in caplog.text


def _never_ticks() -> tuple[list[datetime], Callable[[], datetime]]:
    ticks: list[datetime] = []

    def clock() -> datetime:
        ticks.append(at(10, 10, 11))
        return ticks[-1]

    return ticks, clock


async def test_no_loop_without_mail(db, tmp_path):
    ticks, clock = _never_ticks()
    async with reminder_loop.running(make_settings(tmp_path), clock=clock, interval=TICK):
        await asyncio.sleep(10 * TICK)
    assert ticks == []


async def test_no_loop_when_the_interval_is_zero(db, tmp_path, mail_peer):
    settings = make_settings(
        tmp_path, SIGNOFF_SMTP_URL=mail_peer.url, SIGNOFF_REMINDER_INTERVAL_SECONDS="0"
    )
    ticks, clock = _never_ticks()
    async with reminder_loop.running(settings, clock=clock):
        await asyncio.sleep(10 * TICK)
    assert ticks == []
