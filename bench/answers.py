"""How good and how fast the policy answer engine is, against a plain BM25 baseline.

    .venv/bin/python -m bench.answers [CASES.yaml] [--rounds 5]

CASES defaults to the team's public set (../shared/evals/public.yaml beside the repository).
Scores are fractions of cases passed under exactly the rule of ../shared/evals/score.py: each
system is piped through that script (engine: `signoff ask --jsonl`, with and without curation;
baseline: this module with --baseline-jsonl), so the numbers cannot drift from the official ones.
Timing is per question, in process, over several rounds. Prints one JSON line.

The baseline is what one would build first: bm25s over the school's clauses (its own
tokenizer and English stopwords), the top clause cited, the verdict read from that clause's
force words ("must not" -> no, "only"/"approval" -> conditional, "can"/"acceptable" -> yes).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import bm25s
import yaml

from portal.core.answers import AnswerEngine
from portal.core.catalog import Catalog, load_catalog
from portal.web import heap

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CASES = ROOT.parent / "shared" / "evals" / "public.yaml"
SCORE_SCRIPT = ROOT.parent / "shared" / "evals" / "score.py"
AGREEMENTS = ROOT / "agreements"
SIGNOFF = [str(Path(sys.executable).with_name("signoff")), "ask", "--jsonl"]
_SCORE_LINE = re.compile(r"^score: (\d+)/(\d+)", re.MULTILINE)
_NO = re.compile(r"must not|should not|may not|cannot|not allowed|advised not|never|decline")
_CONDITIONAL = re.compile(r"\bonly\b|approval|permission|authoris|approved")
_YES = re.compile(r"\bcan\b|\bmay\b|acceptable|permitted|does not expect|caution is advised")


class Baseline:
    """bm25s over each school's clauses in force; the top clause decides."""

    def __init__(self, catalog: Catalog, today: date) -> None:
        self._schools: dict[str, tuple[bm25s.BM25, list[tuple[str, Any]], set[str]]] = {}
        for school in catalog.schools:
            clauses = [
                (a.slug, c)
                for a in catalog.for_school(school)
                if (v := a.in_force(today)) is not None
                for c in v.clauses
            ]
            corpus = bm25s.tokenize(
                [c.text for _, c in clauses], stopwords="en", return_ids=False, show_progress=False
            )
            index = bm25s.BM25()
            index.index(corpus, show_progress=False)
            self._schools[school] = (index, clauses, set(index.vocab_dict))

    def ask(self, school: str, question: str) -> dict[str, Any]:
        if school not in self._schools:
            return {"error": f"unknown school {school!r}"}
        index, clauses, vocab = self._schools[school]
        words = bm25s.tokenize([question], stopwords="en", return_ids=False, show_progress=False)[0]
        known = sorted({w for w in words if w in vocab})
        scores = index.get_scores(known) if known else None
        if scores is None or float(scores.max()) <= 0:
            return {"verdict": "not_covered", "citations": []}
        slug, clause = clauses[int(scores.argmax())]
        cited = {"agreement": slug, "clause": clause.ref, "text": clause.text}
        return {"verdict": _force_words(clause.text.lower()), "citations": [cited]}


def _force_words(text: str) -> str:
    for pattern, verdict in ((_NO, "no"), (_CONDITIONAL, "conditional"), (_YES, "yes")):
        if pattern.search(text):
            return verdict
    return "not_covered"


def _score(cases: Path, command: list[str]) -> float:
    """The fraction of cases the official scorer passes for one command."""
    run = subprocess.run(
        [sys.executable, str(SCORE_SCRIPT), str(cases), "--", *command],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    match = _SCORE_LINE.search(run.stdout)
    if match is None:
        raise SystemExit(f"score.py gave no score:\n{run.stdout}\n{run.stderr}")
    return int(match.group(1)) / int(match.group(2))


def _timings(engine: AnswerEngine, cases: list[dict[str, Any]], rounds: int) -> list[float]:
    """Each question's time, best of `rounds`: what the question costs, without the pauses a
    shared machine adds now and then (a question's rounds run apart, so one pause hits one)."""
    best = [float("inf")] * len(cases)
    for _ in range(rounds):
        for i, case in enumerate(cases):
            start = time.perf_counter()
            engine.ask(case["school"], case["question"], case.get("audience") or "staff")
            best[i] = min(best[i], (time.perf_counter() - start) * 1000)
    return sorted(best)


def _baseline_jsonl() -> None:
    baseline = Baseline(load_catalog(AGREEMENTS), date.today())
    for line in sys.stdin:
        if line.strip():
            case = json.loads(line)
            answer = baseline.ask(case["school"], case["question"])
            print(json.dumps({"id": case.get("id"), **answer}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-jsonl", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_jsonl:
        _baseline_jsonl()
        return
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    start = time.perf_counter()
    engine = AnswerEngine.from_catalog(load_catalog(AGREEMENTS), curation_root=AGREEMENTS)
    build_ms = (time.perf_counter() - start) * 1000
    heap.settle()  # as `signoff serve` does before it answers anyone
    times = _timings(engine, cases, args.rounds)
    baseline = [sys.executable, "-m", "bench.answers", "--baseline-jsonl"]
    result = {
        "cases": str(args.cases),
        "n": len(cases),
        "engine_score": _score(args.cases, SIGNOFF),
        "engine_score_no_curation": _score(args.cases, [*SIGNOFF, "--no-curation"]),
        "baseline_score": _score(args.cases, baseline),
        "median_ms": round(statistics.median(times), 3),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 3),
        "build_ms": round(build_ms, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
