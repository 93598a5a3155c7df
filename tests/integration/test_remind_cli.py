"""`signoff remind` as cron runs it: its own process, a fresh SQLite file, a real SMTP peer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import AGREEMENTS, ROOT
from tests.mailpeer import MailPeer

# Thursday 10 October 2024, 11:00 in London: step 1 of a campaign started the Monday before.
THURSDAY = "2024-10-10T11:00:00+01:00"
# A campaign of three staff, started Monday 7 October 2024 at 10:00 and emailed at once.
SEND_CAMPAIGN = """
import asyncio
from portal.cli.common import database, load_settings
from tests.factories import make_school, make_staff
from tests.integration.test_reminders import sent_campaign

async def main():
    settings = load_settings()
    async with database(settings):
        school = await make_school("clearwell")
        for n in range(3):
            await make_staff(school, name=f"Teacher {n}")
        await sent_campaign(settings, school)

asyncio.run(main())
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _env(tmp_path: Path, peer: MailPeer) -> dict[str, str]:
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'db.sqlite3'}",
        "SIGNOFF_SMTP_URL": peer.url,
        "SIGNOFF_BASE_URL": "https://signoff.clearwell.example",
        "SIGNOFF_SECRET_KEY": "test-secret-" + "x" * 40,
    }
    env.pop("SIGNOFF_REMINDER_INTERVAL_SECONDS", None)
    return env


def _remind(env: dict[str, str], *args: str) -> str:
    result = _run(env, "-m", "portal", "remind", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_remind_reports_nothing_due_then_sends_a_due_step_once(tmp_path: Path, mail_peer):
    env = _env(tmp_path, mail_peer)
    assert "0 campaign(s) with a reminder due: 0 sent" in _remind(env)
    setup = _run(env, "-c", SEND_CAMPAIGN)
    assert setup.returncode == 0, setup.stderr
    assert len(mail_peer.messages) == 3  # the invitations

    assert "0 campaign(s) with a reminder due" in _remind(env, "--at", "2024-10-09T11:00:00+01:00")
    assert "1 campaign(s) with a reminder due: 3 sent" in _remind(env, "--at", THURSDAY)
    reminders = [m for m in mail_peer.messages if m["Subject"].startswith("Reminder")]
    assert sorted(m["To"] for m in reminders) == sorted(m["To"] for m in mail_peer.messages[:3])
    assert "0 campaign(s) with a reminder due" in _remind(env, "--at", THURSDAY)
    assert len(mail_peer.messages) == 6
