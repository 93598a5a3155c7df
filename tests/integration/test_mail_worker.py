"""The mail worker: with SIGNOFF_MAIL_WORKER on, the portal records receipts and reminders are
sent by `signoff mail-worker`, a process of its own."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal import mail_worker
from portal.store.models import Delivery
from portal.usecases import receipts
from portal.usecases.signing import sign_agreement
from portal.web import reminder_loop
from tests.conftest import ROOT, make_settings
from tests.factories import make_school, make_staff, publish_seeds
from tests.integration.test_receipts import _evidence, _request
from tests.integration.test_remind_cli import _env as cli_env
from tests.integration.test_remind_cli import _run
from tests.integration.test_reminders import at, sent_campaign
from tests.mailpeer import MailPeer
from tests.web.sign_support import family, sign_client, sign_form


@pytest.fixture
def worker_settings(tmp_path, mail_peer):
    return make_settings(tmp_path, SIGNOFF_SMTP_URL=mail_peer.url, SIGNOFF_MAIL_WORKER="1")


async def test_the_portal_records_the_receipt_and_the_worker_sends_it_at_once(
    db, worker_settings, mail_peer
):
    fam = await family(worker_settings)
    async with sign_client(worker_settings) as client:
        page = await client.get(f"/sign/{fam.token}")
        signed = await client.post(f"/sign/{fam.token}", data=sign_form(page.text))
    assert signed.status_code == 303
    await receipts.drain()
    # The portal sent nothing: the receipt waits, never tried, for the worker.
    delivery = await Delivery.get(purpose="receipt")
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert mail_peer.messages == []
    # The worker's round does not wait for a sender that will never come.
    done = await mail_worker.one_round(worker_settings, datetime.now(UTC), reminders=False)
    assert done.receipts_sent == 1 and done.reminders is None
    [message] = mail_peer.to("jane@home.example")
    assert fam.version.sha256 in message.get_body(preferencelist=("plain",)).get_content()
    assert (await Delivery.get(id=delivery.id)).status == "sent"
    assert (await mail_worker.one_round(worker_settings, datetime.now(UTC))).receipts_sent == 0


async def test_the_worker_sends_receipts_as_they_come_and_stops_cleanly(
    db, worker_settings, mail_peer
):
    stop = asyncio.Event()
    working = asyncio.create_task(mail_worker.work(worker_settings, stop, poll=0.02))
    try:
        for n, name in enumerate(("Jane Smith", "Ravi Patel")):
            fam = await family(
                worker_settings,
                parent=name,
                email=f"parent{n}@home.example",
                children=((f"Child {n}", "Year 2"),),
            )
            await sign_agreement(_request(fam), _evidence(fam), settings=worker_settings)
            await mail_peer.wait_for(n + 1, within=5)
    finally:
        stop.set()
        await asyncio.wait_for(working, 5)
    assert sorted(m["To"] for m in mail_peer.messages) == [
        "parent0@home.example",
        "parent1@home.example",
    ]
    assert await Delivery.filter(purpose="receipt", status="sent").count() == 2


async def test_the_worker_runs_the_reminder_round_and_the_portal_does_not(
    db, worker_settings, mail_peer
):
    await publish_seeds()
    school = await make_school("clearwell")
    staff = [await make_staff(school, name=f"Teacher {n}") for n in range(2)]
    await sent_campaign(worker_settings, school)
    await mail_peer.wait_for(2)
    async with reminder_loop.running(worker_settings, interval=0.01):
        assert not [t for t in asyncio.all_tasks() if t.get_name() == "signoff-reminders"]
    # Thursday 10 October 2024, 11:00: the first reminder step is due.
    done = await mail_worker.one_round(worker_settings, at(10, 10, 11))
    assert done.reminders is not None and done.reminders.sent == 2
    reminded = [m["To"] for m in mail_peer.messages if m["Subject"].startswith("Reminder")]
    assert sorted(reminded) == sorted(s.email for s in staff)


async def test_a_failed_round_does_not_end_the_worker(db, worker_settings, mail_peer):
    ticks: list[int] = []

    def clock() -> datetime:
        ticks.append(1)
        if len(ticks) == 1:
            raise RuntimeError("database restarting")
        return datetime.now(UTC)

    stop = asyncio.Event()
    working = asyncio.create_task(mail_worker.work(worker_settings, stop, clock=clock, poll=0.01))
    fam = await family(worker_settings)
    await sign_agreement(_request(fam), _evidence(fam), settings=worker_settings)
    await mail_peer.wait_for(1, within=5)  # after the failed round, the next one sent it
    stop.set()
    await asyncio.wait_for(working, 5)
    assert len(ticks) >= 2


# ------------------------------------------------------------------ the command, as run


def _env(tmp_path: Path, peer: MailPeer, **extra: str) -> dict[str, str]:
    return {**cli_env(tmp_path, peer), **extra}


SIGN_ONE = """
import asyncio
from portal.cli.common import database, load_settings
from portal.usecases.signing import sign_agreement
from tests.integration.test_receipts import _evidence, _request
from tests.web.sign_support import family

async def main():
    settings = load_settings()
    async with database(settings):
        fam = await family(settings)
        await sign_agreement(_request(fam), _evidence(fam), settings=settings)

asyncio.run(main())
"""


def test_the_command_refuses_to_start_unless_the_portal_leaves_mail_to_it(tmp_path, mail_peer):
    result = _run(_env(tmp_path, mail_peer), "-m", "portal", "mail-worker", "--once")
    assert result.returncode == 1
    assert "SIGNOFF_MAIL_WORKER is not set" in result.stderr
    no_relay = _env(tmp_path, mail_peer, SIGNOFF_MAIL_WORKER="1", SIGNOFF_SMTP_URL="")
    result = _run(no_relay, "-m", "portal", "mail-worker", "--once")
    assert result.returncode == 1
    assert "SIGNOFF_SMTP_URL is not set" in result.stderr


def test_the_command_sends_what_a_portal_recorded(tmp_path, mail_peer):
    env = _env(tmp_path, mail_peer, SIGNOFF_MAIL_WORKER="1")
    signed = _run(env, "-c", SIGN_ONE)
    assert signed.returncode == 0, signed.stderr
    assert mail_peer.messages == []  # the signing process left the receipt to the worker
    result = _run(env, "-m", "portal", "mail-worker", "--once")
    assert result.returncode == 0, result.stderr
    assert "1 receipt(s) sent" in result.stdout
    assert [m["To"] for m in mail_peer.messages] == ["jane@home.example"]
    again = _run(env, "-m", "portal", "mail-worker", "--once")
    assert "0 receipt(s) sent" in again.stdout
    assert len(mail_peer.messages) == 1


def test_the_command_stops_on_sigterm(tmp_path, mail_peer):
    env = _env(tmp_path, mail_peer, SIGNOFF_MAIL_WORKER="1")
    assert _run(env, "-c", SIGN_ONE).returncode == 0
    worker = subprocess.Popen(
        [sys.executable, "-m", "portal", "mail-worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not mail_peer.messages and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [m["To"] for m in mail_peer.messages] == ["jane@home.example"]
    finally:
        worker.terminate()
        out, err = worker.communicate(timeout=15)
    assert worker.returncode == 0, err
    assert "mail worker: stopped" in out
