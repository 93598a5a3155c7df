"""`signoff slack nudge` as an office admin runs it: a real process, a fresh SQLite database."""

import asyncio
import os
import sys
from pathlib import Path

from tests.bots.conftest import SIGNING_SECRET
from tests.bots.slack_peer import BOT_TOKEN, SlackPeer
from tests.conftest import AGREEMENTS, ROOT


async def _signoff(*args: str, env: dict[str, str]) -> tuple[int, str]:
    # Not subprocess.run: the Slack peer answers on this event loop while the command runs.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "portal",
        *args,
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, output.decode()


async def test_nudge_command_reports_who_was_reached(tmp_path: Path, peer: SlackPeer):
    env = {
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'db.sqlite3'}",
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SIGNOFF_SLACK_BOT_TOKEN": BOT_TOKEN,
        "SIGNOFF_SLACK_DEFAULT_SCHOOL": "clearwell",
        "SIGNOFF_SLACK_API_URL": peer.url,
    }
    peer.add_user("UH", "H.Ashworth@clearwell.example")
    peer.add_user("UD", "d.okonkwo@clearwell.example")
    assert (await _signoff("demo", env=env))[0] == 0
    nudge = (
        "slack",
        "nudge",
        "--school",
        "clearwell",
        "--agreement",
        "staff-social-media",
        "--pace",
        "0",
    )

    code, output = await _signoff(*nudge, env=env)

    assert code == 0, output
    assert "2 nudged" in output and "users_not_found" in output
    assert sorted(c.body["channel"] for c in peer.answered("chat.postMessage")) == ["DUD", "DUH"]
    code, output = await _signoff(*nudge, env=env)
    assert code == 0 and "0 nudged" in output
    assert len(peer.answered("chat.postMessage")) == 2


async def test_nudge_command_refuses_an_unknown_agreement(tmp_path: Path, peer: SlackPeer):
    env = {
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'db.sqlite3'}",
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SIGNOFF_SLACK_BOT_TOKEN": BOT_TOKEN,
        "SIGNOFF_SLACK_DEFAULT_SCHOOL": "clearwell",
        "SIGNOFF_SLACK_API_URL": peer.url,
    }
    code, output = await _signoff(
        "slack", "nudge", "--school", "clearwell", "--agreement", "nope", env=env
    )
    assert code != 0 and "not a staff agreement in force" in output
