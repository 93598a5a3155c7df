"""The foundation commands as a user runs them: a real process, a fresh data folder."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import AGREEMENTS, ROOT


def _signoff(
    *args: str, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal", *args],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


def _env(tmp_path: Path, agreements: Path = AGREEMENTS) -> dict[str, str]:
    return {
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_AGREEMENTS_DIR": str(agreements),
        "SIGNOFF_DATABASE_URL": f"sqlite://{tmp_path / 'data' / 'db.sqlite3'}",
    }


def test_agreements_check_lists_the_six_seed_agreements(tmp_path: Path):
    listing = json.loads(_signoff("agreements", "check", "--json", env=_env(tmp_path)).stdout)
    assert len(listing) == 6
    assert sorted((a["school"], a["audience"]) for a in listing) == [
        ("amcis", "staff"),
        ("clearwell", "parent"),
        ("clearwell", "staff"),
        ("knowsley", "staff"),
        ("stockham", "staff"),
        ("stockport", "staff"),
    ]
    for agreement in listing:
        (version,) = agreement["versions"]
        assert version["clauses"] > 0 and len(version["sha256"]) == 64


def test_malformed_file_is_named_with_line_and_problem(tmp_path: Path):
    folder = tmp_path / "agreements"
    shutil.copytree(AGREEMENTS / "stockham", folder / "stockham")
    path = folder / "stockham" / "staff-social-media" / "2016-09.md"
    path.write_text(path.read_text().replace("renewal: biennial", "renewal: every so often"))
    result = _signoff("agreements", "check", env=_env(tmp_path, folder), check=False)
    assert result.returncode != 0
    assert f"{path}:" in result.stderr and "renewal 'every so often' is not one of" in result.stderr


def test_publish_is_idempotent_and_refuses_changed_text(tmp_path: Path):
    folder = tmp_path / "agreements"
    shutil.copytree(AGREEMENTS / "stockham", folder / "stockham")
    env = _env(tmp_path, folder)
    assert "1 published" in _signoff("agreements", "publish", env=env).stdout
    assert "0 published, 1 already published" in _signoff("agreements", "publish", env=env).stdout
    path = folder / "stockham" / "staff-social-media" / "2016-09.md"
    path.write_text(path.read_text().replace("must not", "should not", 1))
    result = _signoff("agreements", "publish", env=env, check=False)
    assert result.returncode != 0
    assert "immutable" in result.stderr and "new version" in result.stderr
    assert "intact" in _signoff("audit", "verify", env=env).stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_healthz_on_a_fresh_data_folder(tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in _env(tmp_path).items() if k != "SIGNOFF_DATABASE_URL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "portal", "serve", "--port", str(port)],
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status_code == 200
        assert (tmp_path / "data" / "secret_key").exists()
        assert (tmp_path / "data" / "signoff.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()
