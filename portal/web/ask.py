"""POST /api/ask: the policy bot's answers over HTTP, for the bot adapters and others."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from portal.core.answers import AnswerEngine, InvalidQuestion, UnknownSchool
from portal.core.catalog import load_catalog

_AUDIENCES = ("staff", "parent")


async def ask(request: Request) -> JSONResponse:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _error("the body must be JSON", 400)
    if not isinstance(body, dict):
        return _error("the body must be a JSON object", 400)
    problem = _invalid(body)
    if problem:
        return _error(problem, 422)
    engine = await _engine(request.app)
    try:
        answer = engine.ask(body["school"], body["question"], body.get("audience") or "staff")
    except UnknownSchool as exc:
        return _error(str(exc), 404)
    except InvalidQuestion as exc:
        return _error(str(exc), 422)
    return JSONResponse(answer.to_json())


def _invalid(body: dict[str, Any]) -> str:
    if not isinstance(body.get("school"), str):
        return "school must be a school slug"
    if not isinstance(body.get("question"), str):
        return "question must be text"
    if (body.get("audience") or "staff") not in _AUDIENCES:
        return "audience must be staff or parent"
    return ""


async def _engine(app: Starlette) -> AnswerEngine:
    """Built once per app from the agreements folder, off the event loop."""
    engine: AnswerEngine | None = getattr(app.state, "answer_engine", None)
    if engine is None:
        root = app.state.settings.agreements_dir
        engine = await run_in_threadpool(
            lambda: AnswerEngine.from_catalog(load_catalog(root), curation_root=root)
        )
        app.state.answer_engine = engine
    return engine


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status)


def routes() -> list[BaseRoute]:
    return [Route("/api/ask", ask, methods=["POST"])]
