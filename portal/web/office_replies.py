"""Replies from sign links (questions, refusals, "this isn't me") for the office to answer."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.usecases import responses
from portal.web import auth
from portal.web.office.render import page
from portal.web.office_forms import actor, checked_form, path_id, school_of


async def inbox(request: Request) -> Response:
    school = await school_of(request)
    return page(
        request,
        "office/replies.html",
        school=school,
        active="replies",
        replies=await responses.inbox(school),
        kinds={kind.value: kind for kind in responses.ResponseKind},
        just_answered=request.query_params.get("answered", ""),
    )


async def answer(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    await checked_form(request)
    reply_id = path_id(request, "reply")
    marked = await responses.mark_answered(school, reply_id, actor(user), datetime.now(UTC))
    if marked is None:
        raise HTTPException(404, "Not found")
    # Answered before (two tabs, two colleagues) is no error: the list shows it answered.
    return RedirectResponse(f"/office/{school.slug}/replies?answered={reply_id}", 303)


def routes() -> list[BaseRoute]:
    return [
        Route("/office/{school}/replies", inbox, methods=["GET"]),
        Route("/office/{school}/replies/{reply}/answered", answer, methods=["POST"]),
    ]
