"""Replies from sign links (questions, refusals, "this isn't me") for the office to answer."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.usecases import responses
from portal.usecases.resending import NewLink
from portal.web import auth
from portal.web.office.render import page
from portal.web.office_forms import actor, checked_form, path_id, school_of, settings_of


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
        new_link=_new_link_notice(request),
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


async def new_link(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    await checked_form(request)
    reply_id = path_id(request, "reply")
    outcome = await responses.send_new_link(
        settings_of(request), school, reply_id, actor(user), datetime.now(UTC)
    )
    if outcome is None:
        raise HTTPException(404, "Not found")
    query = urlencode({"new_link": outcome.value, "reply": reply_id})
    return RedirectResponse(f"/office/{school.slug}/replies?{query}", 303)


def _new_link_notice(request: Request) -> dict[str, object]:
    """The outcome the redirect after "send a new link" carries: what to tell, about which reply."""
    raw, reply = request.query_params.get("new_link", ""), request.query_params.get("reply", "")
    if raw not in set(NewLink) or not reply.isdigit():
        return {}
    return {"outcome": raw, "reply": int(reply)}


def routes() -> list[BaseRoute]:
    return [
        Route("/office/{school}/replies", inbox, methods=["GET"]),
        Route("/office/{school}/replies/{reply}/answered", answer, methods=["POST"]),
        Route("/office/{school}/replies/{reply}/new-link", new_link, methods=["POST"]),
    ]
