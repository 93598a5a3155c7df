"""`signoff ask`: the policy bot's answer engine from the command line (no database needed)."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from portal.core.answers import Answer, AnswerEngine


def _engine(curation: bool) -> AnswerEngine:
    # Imported here so that every other `signoff` command starts without building indexes.
    from portal.cli.common import load_settings
    from portal.core.answers import AnswerEngine
    from portal.core.catalog import CatalogError, load_catalog

    root = load_settings().agreements_dir
    try:
        catalog = load_catalog(root)
    except CatalogError as exc:
        raise click.ClickException(f"{len(exc.errors)} problem(s) in {root}:\n{exc}") from None
    return AnswerEngine.from_catalog(catalog, curation_root=root if curation else None)


def _render(answer: Answer) -> str:
    lines = [f"Verdict: {answer.verdict.value}", *textwrap.wrap(answer.answer, 96)]
    for citation in answer.citations:
        where = f"{citation.school}/{citation.agreement} version {citation.version}"
        lines += ["", f"[{citation.clause}] {citation.heading} ({where})"]
        lines += ["    " + line for line in textwrap.wrap(citation.text, 92)]
    if answer.ask_whom:
        lines += ["", f"Ask: {answer.ask_whom}"]
    return "\n".join(lines)


def _one_line(engine: AnswerEngine, line: str) -> dict[str, Any]:
    """One request line in, one answer object out; a bad line becomes an `error`, never a crash."""
    from portal.core.answers import InvalidQuestion, UnknownSchool

    try:
        request = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(request, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    ident = request.get("id")
    school, question = request.get("school"), request.get("question")
    audience = request.get("audience") or "staff"
    if not isinstance(school, str) or not isinstance(question, str):
        return {"id": ident, "error": "school and question must be strings"}
    if audience not in ("staff", "parent"):
        return {"id": ident, "error": "audience must be staff or parent"}
    try:
        return {"id": ident, **engine.ask(school, question, audience).to_json()}
    except (UnknownSchool, InvalidQuestion) as exc:
        return {"id": ident, "error": str(exc)}


def answer_lines(engine: AnswerEngine, lines: Iterable[str], out: IO[str]) -> None:
    for line in lines:
        if not line.strip():
            continue
        out.write(json.dumps(_one_line(engine, line), ensure_ascii=False) + "\n")
        out.flush()


@click.command("ask")
@click.argument("question", required=False)
@click.option("--school", help="School slug, e.g. stockport.")
@click.option(
    "--audience", type=click.Choice(["staff", "parent"]), default="staff", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True, help="Answer JSON lines from stdin, one per line.")
@click.option("--no-curation", is_flag=True, help="Ignore <version>.answers.yaml curation files.")
def ask(
    question: str | None,
    school: str | None,
    audience: str,
    as_json: bool,
    jsonl: bool,
    no_curation: bool,
) -> None:
    """Answer a "can I …?" question from a school's agreements in force."""
    engine = _engine(curation=not no_curation)
    if jsonl:
        answer_lines(engine, sys.stdin, sys.stdout)
        return
    if not school or question is None:
        raise click.UsageError('give --school SLUG and a "QUESTION" (or use --jsonl)')
    from portal.core.answers import InvalidQuestion, UnknownSchool

    try:
        answer = engine.ask(school, question, audience)
    except (UnknownSchool, InvalidQuestion) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        json.dumps(answer.to_json(), indent=2, ensure_ascii=False) if as_json else _render(answer)
    )


def register(main: click.Group) -> None:
    main.add_command(ask)
