"""POST /api/ask: the policy bot's answers over HTTP, for the bot adapters and others."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from portal.core.answers import AnswerEngine, InvalidQuestion, UnknownSchool
from portal.store.published import PublishedAgreements

_AUDIENCES = ("staff", "parent")


class AskEndpoint:
    """POST /api/ask over the process's published agreements (shared with the chat bots)."""

    def __init__(self, published: PublishedAgreements) -> None:
        self.published = published

    async def ask(self, request: Request) -> JSONResponse:
        return await _ask(request, (await self.published.current()).engine)


async def _ask(request: Request, engine: AnswerEngine) -> JSONResponse:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _error("the body must be JSON", 400)
    if not isinstance(body, dict):
        return _error("the body must be a JSON object", 400)
    problem = _invalid(body)
    if problem:
        return _error(problem, 422)
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


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status)


def routes(published: PublishedAgreements) -> list[BaseRoute]:
    return [Route("/api/ask", AskEndpoint(published).ask, methods=["POST"])]
