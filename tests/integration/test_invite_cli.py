"""`signoff invite` as an operator runs it: its own process, a file database, a real SMTP peer."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import AGREEMENTS
from tests.mailpeer import MailPeer

SIGNOFF = str(Path(sys.executable).parent / "signoff")


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SIGNOFF, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_invite_command_emails_once_and_reports(tmp_path: Path, mail_peer: MailPeer) -> None:
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(tmp_path),
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_SMTP_URL": mail_peer.url,
        "SIGNOFF_BASE_URL": "https://signoff.clearwell.example",
        "SIGNOFF_SECRET_KEY": "test-secret-" + "x" * 40,
    }
    env.pop("SIGNOFF_DATABASE_URL", None)
    assert _run(env, "demo").returncode == 0
    args = (
        "invite",
        "--school",
        "clearwell",
        "--agreement",
        "parents-social-media-pledge",
        "--year-group",
        "Year 7",
    )
    first = _run(env, *args)
    assert first.returncode in (0, 3), first.stderr
    sent = len(mail_peer.messages)
    assert sent > 0 and f"{sent} emailed" in first.stdout
    assert "Sending" in first.stderr and "email" in first.stderr  # the tqdm bar
    assert mail_peer.sessions == 1  # one SMTP connection for the whole batch
    link = mail_peer.messages[0].get_body(("plain",)).get_content()
    assert "https://signoff.clearwell.example/sign/" in link
    again = _run(env, *args)
    assert "0 emailed" in again.stdout and f"{sent} already emailed" in again.stdout
    assert len(mail_peer.messages) == sent
    resend = _run(env, *args, "--resend")
    assert f"{sent} emailed" in resend.stdout and len(mail_peer.messages) == 2 * sent
    verify = _run(env, "audit", "verify")
    assert verify.returncode == 0 and "clearwell:" in verify.stdout and "intact" in verify.stdout


def test_invite_command_without_smtp_says_how_to_set_it(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SIGNOFF_DATA_DIR": str(tmp_path),
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
    }
    env.pop("SIGNOFF_SMTP_URL", None)
    env.pop("SIGNOFF_DATABASE_URL", None)
    result = _run(
        env, "invite", "--school", "clearwell", "--agreement", "parents-social-media-pledge"
    )
    assert result.returncode == 1 and "SIGNOFF_SMTP_URL is not set" in result.stderr
