"""Campaign pages: start one, preview who must sign, send it and follow the send as it goes.
Paper letters and recorded signatures are in `office_paper`; term dates in `office_term_dates`.

Every page resolves its school with `auth.require_school`; a campaign id from another school is
simply not found.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from html import escape

from starlette.background import BackgroundTask
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from portal.core.reminders import ReminderSchedule
from portal.settings import Settings
from portal.store.models import School
from portal.usecases import campaign_sending, campaigns
from portal.usecases.campaigns import AudienceKind, CampaignError, NewCampaign
from portal.web import auth, office_paper, office_term_dates
from portal.web.office.render import HEADERS, page
from portal.web.office_forms import (
    Errors,
    FieldError,
    actor,
    campaign_url,
    checked_form,
    path_id,
    problem,
    school_of,
    settings_of,
)
from portal.web.templating import templates

_PROGRESS_MARK = "<!--progress-->"
_PROGRESS_POLL = 1.0
_PROGRESS_SECONDS = 600


# -- list and new ------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    school = await school_of(request)
    return page(
        request,
        "office/campaigns.html",
        school=school,
        active="campaigns",
        campaigns=await campaigns.listing(school),
    )


async def new_form(request: Request) -> Response:
    school = await school_of(request)
    return await _new_page(request, school, {}, {})


async def _new_page(
    request: Request,
    school: School,
    values: Mapping[str, object],
    errors: Errors,
    status: int = 200,
) -> Response:
    default = campaigns.DEFAULT_SCHEDULE
    shown = {
        "agreement": "",
        "name": "",
        "audience": "whole-school",
        "years": [],
        "classes": [],
        "teams": [],
        "after_days": ", ".join(str(d) for d in default.after_days),
        "every_days": str(default.then_every_days),
        "max_reminders": str(default.max_reminders),
        **values,
    }
    return page(
        request,
        "office/campaign_new.html",
        status,
        school=school,
        active="campaigns",
        choices=await campaigns.choices(school),
        values=shown,
        errors=errors,
    )


def _days(raw: str) -> tuple[int, ...]:
    parts = [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        raise ValueError("Give the days as whole numbers separated by commas, like 3, 7.")
    return tuple(int(p) for p in parts)


def _number(raw: str, what: str) -> int:
    if not raw.strip().isdigit():
        raise ValueError(f"Give {what} as a whole number.")
    return int(raw.strip())


def _new_campaign(form: FormData) -> NewCampaign:
    """The form as a request; a problem raises FieldError naming the field to fix."""
    try:
        audience = AudienceKind(str(form.get("audience", "")))
    except ValueError:
        raise FieldError("audience", "Choose who the campaign is for.") from None
    field = {
        AudienceKind.YEAR_GROUPS: "years",
        AudienceKind.CLASSES: "classes",
        AudienceKind.STAFF_TEAMS: "teams",
    }.get(audience)
    groups = tuple(str(g) for g in form.getlist(field)) if field else ()
    try:
        schedule = ReminderSchedule(
            after_days=_days(str(form.get("after_days", ""))),
            then_every_days=_number(str(form.get("every_days", "0")), "the weekly interval"),
            max_reminders=_number(str(form.get("max_reminders", "0")), "the number of reminders"),
        )
    except ValueError as exc:
        raise FieldError("after_days", str(exc)) from None
    return NewCampaign(
        agreement=str(form.get("agreement", "")),
        name=str(form.get("name", ""))[:200],
        audience=audience,
        groups=groups,
        schedule=schedule,
    )


async def create(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    form = await checked_form(request)
    values = {
        k: form.getlist(k) if k in {"years", "classes", "teams"} else form.get(k) for k in form
    }
    try:
        campaign = await campaigns.create_campaign(
            school, _new_campaign(form), actor(user), datetime.now(UTC)
        )
    except FieldError as exc:
        return await _new_page(request, school, values, problem(exc.field, str(exc)), 400)
    except CampaignError as exc:
        return await _new_page(request, school, values, problem("agreement", str(exc)), 400)
    return RedirectResponse(campaign_url(school, campaign.id), 303)


# -- one campaign ------------------------------------------------------------------------------


async def detail(request: Request) -> Response:
    school = await school_of(request)
    return await _detail(request, school, path_id(request, "campaign"))


async def _detail(
    request: Request, school: School, campaign_id: int, error: str = "", status: int = 200
) -> Response:
    found = await campaigns.preview(settings_of(request), school, campaign_id, datetime.now(UTC))
    if found is None:
        raise HTTPException(404, "Not found")
    return page(
        request,
        "office/campaign.html",
        status,
        school=school,
        active="campaigns",
        preview=found,
        campaign=found.campaign,
        base=campaign_url(school, campaign_id),
        error=error,
        recorded=request.query_params.get("recorded", "")[:200],
    )


async def send(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    await checked_form(request)
    campaign_id = path_id(request, "campaign")
    settings = settings_of(request)
    try:
        claimed = await campaign_sending.start_sending(
            settings, school, campaign_id, datetime.now(UTC)
        )
    except CampaignError as exc:
        return await _detail(request, school, campaign_id, str(exc), 409)
    task = None
    if claimed:
        task = BackgroundTask(
            campaign_sending.run_in_background, settings, school, campaign_id, actor(user)
        )
    return RedirectResponse(f"{campaign_url(school, campaign_id)}/progress", 303, background=task)


async def progress(request: Request) -> Response:
    """A page that grows as the send goes on: no script, no refresh, one line per change."""
    school = await school_of(request)
    found = await campaigns.view(school, path_id(request, "campaign"), datetime.now(UTC))
    if found is None:
        raise HTTPException(404, "Not found")
    html = (
        templates()
        .get_template("office/campaign_progress.html")
        .render(
            request=request,
            user=request.scope.get(auth.SCOPE_USER),
            school=school,
            active="campaigns",
            campaign=found,
            base=campaign_url(school, found.id),
        )
    )
    head, _, tail = html.partition(_PROGRESS_MARK)
    return StreamingResponse(
        _progress_lines(school, found, head, tail),
        media_type="text/html; charset=utf-8",
        headers={**HEADERS, "X-Accel-Buffering": "no"},
    )


async def _progress_lines(
    school: School, campaign: campaigns.View, head: str, tail: str
) -> AsyncIterator[str]:
    yield head
    said, deadline = "", time.monotonic() + _PROGRESS_SECONDS
    while True:
        line = _progress_line(campaign)
        if line != said:
            yield f"<p>{escape(line)}</p>\n"
            said = line
        if campaign.status != "sending" or campaign.stalled or time.monotonic() > deadline:
            break
        await asyncio.sleep(_PROGRESS_POLL)
        found = await campaigns.view(school, campaign.id, datetime.now(UTC))
        if found is None:
            break
        campaign = found
    yield f"<p><strong>{escape(_progress_end(campaign))}</strong></p>\n"
    yield tail


def _progress_line(c: campaigns.View) -> str:
    if c.status == "sending" and not c.total:
        return "Working out who must sign…"
    return (
        f"{c.processed} of {c.total} done: {c.emailed} emailed in all, {c.on_paper} to print "
        f"as paper letters, {c.failed} could not be emailed."
    )


def _progress_end(c: campaigns.View) -> str:
    if c.status == "sent":
        return "Finished. Reminders will follow for anyone who has not signed."
    if c.stalled:
        return "The send has stopped. Go back to the campaign to carry on sending."
    if c.status == "sending":
        return "Still sending: reload this page to follow it."
    return "Nothing is being sent."


async def close(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    await checked_form(request)
    campaign_id = path_id(request, "campaign")
    if await campaigns.close(school, campaign_id, actor(user)) is None:
        raise HTTPException(404, "Not found")
    return RedirectResponse(campaign_url(school, campaign_id), 303)


def routes(settings: Settings) -> list[BaseRoute]:
    one = "/office/{school}/campaigns/{campaign}"  # ids parsed by path_id, after the checks
    return [
        Route("/office/{school}/campaigns", index, methods=["GET"]),
        Route("/office/{school}/campaigns", create, methods=["POST"]),
        Route("/office/{school}/campaigns/new", new_form, methods=["GET"]),
        Route(one, detail, methods=["GET"]),
        Route(f"{one}/send", send, methods=["POST"]),
        Route(f"{one}/progress", progress, methods=["GET"]),
        Route(f"{one}/close", close, methods=["POST"]),
        *office_paper.routes(),
        *office_term_dates.routes(),
    ]
