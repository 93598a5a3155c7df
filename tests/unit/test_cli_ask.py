"""`signoff ask` as a real subprocess: what score.py and the bots' operators run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import AGREEMENTS

SIGNOFF = Path(sys.executable).with_name("signoff")


def _run(
    args: list[str], stdin: str = "", tmp_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_DATA_DIR": str(tmp_path or Path("/tmp")),
        "SIGNOFF_SECRET_KEY": "test-secret-" + "x" * 40,
    }
    return subprocess.run(
        [str(SIGNOFF), "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_jsonl_answers_every_line_in_order_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a",
            "school": "stockport",
            "audience": "staff",
            "question": "can I tag my pupils in a photo on my insta?",
        },
        {"id": "b", "school": "nowhere", "audience": "staff", "question": "can I post?"},
        "this is not json",
        {"id": "d", "school": "clearwell", "audience": "staff", "question": "   "},
        {"id": "e", "school": "clearwell", "audience": "staff", "question": "x" * 10_000},
        {
            "id": "f",
            "school": "clearwell",
            "audience": "parent",
            "question": "can I moan about a teacher in the class whatsapp?",
        },
    ]
    stdin = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    run = _run(["--jsonl"], stdin, tmp_path)
    assert run.returncode == 0, run.stderr
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "d", "e", "f"]
    assert out[0]["verdict"] == "no" and out[0]["citations"][0]["clause"]
    assert all("error" in out[i] for i in (1, 2, 3, 4))
    assert out[5]["verdict"] == "no"
    assert out[5]["citations"][0]["agreement"] == "parents-social-media-pledge"


def test_one_question_prints_verdict_answer_and_clause(tmp_path: Path) -> None:
    run = _run(["--school", "amcis", "can I put where I work on linkedin?"], tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Verdict: yes")
    assert "[6.1]" in run.stdout and "version 2024-09" in run.stdout
