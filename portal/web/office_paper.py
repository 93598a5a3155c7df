"""Paper and phone: the printable letters (each with a QR code of the person's own link) and
the office recording a signature it took on paper or by phone, with a reason, at lower assurance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.store.models import School
from portal.usecases import campaigns, paper
from portal.usecases.campaigns import CampaignError
from portal.usecases.paper import Slip
from portal.web import auth
from portal.web.office.render import page
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


async def letters(request: Request) -> Response:
    school = await school_of(request)
    found = await paper.paper_letters(
        settings_of(request), school, path_id(request, "campaign"), datetime.now(UTC)
    )
    if found is None:
        raise HTTPException(404, "Not found")
    campaign, letters = found
    return page(
        request,
        "office/campaign_paper.html",
        school=school,
        active="campaigns",
        campaign=campaign,
        letters=letters,
        base=campaign_url(school, campaign.id),
    )


async def record_form(request: Request) -> Response:
    school = await school_of(request)
    raw = request.query_params.get("person", "")
    return await _record_page(
        request,
        school,
        path_id(request, "campaign"),
        name=request.query_params.get("q", "")[:100],
        person_id=int(raw) if raw.isdigit() else None,
    )


async def _record_page(
    request: Request,
    school: School,
    campaign_id: int,
    *,
    name: str = "",
    person_id: int | None = None,
    errors: Errors | None = None,
    values: Mapping[str, object] | None = None,
    status: int = 200,
) -> Response:
    now = datetime.now(UTC)
    campaign = await campaigns.view(school, campaign_id, now)
    if campaign is None:
        raise HTTPException(404, "Not found")
    searched = bool(name) or person_id is not None
    found = (
        await campaigns.outstanding(
            settings_of(request), school, campaign_id, now, name=name, person_id=person_id
        )
        if searched
        else []
    )
    chosen = found[0] if person_id is not None and found else None
    return page(
        request,
        "office/campaign_record.html",
        status,
        school=school,
        active="campaigns",
        campaign=campaign,
        base=campaign_url(school, campaign_id),
        q=name,
        found=found or [],
        chosen=chosen,
        searched=searched,
        errors=errors or {},
        values=values or {},
        today=now.date(),
    )


def _slip(form: FormData) -> Slip:
    person = str(form.get("person", ""))
    try:
        signed_on = date.fromisoformat(str(form.get("signed_on", "")))
    except ValueError:
        raise FieldError("signed_on", "Give the date it was signed, like 2025-09-15.") from None
    pupils = tuple(int(str(p)) for p in form.getlist("pupils") if str(p).isdigit())
    return Slip(
        person_id=int(person) if person.isdigit() else 0,
        channel=str(form.get("channel", "")),
        reason=str(form.get("reason", "")),
        signed_on=signed_on,
        pupil_ids=pupils,
    )


async def record(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    form = await checked_form(request)
    campaign_id = path_id(request, "campaign")
    values = {
        "channel": form.get("channel", ""),
        "reason": form.get("reason", ""),
        "signed_on": form.get("signed_on", ""),
        "pupils": form.getlist("pupils"),
    }
    try:
        slip = _slip(form)
        signing = await paper.record_signature(
            settings_of(request), school, campaign_id, slip, actor(user), datetime.now(UTC)
        )
    except FieldError as exc:
        errors, person = problem(exc.field, str(exc)), str(form.get("person", ""))
        return await _record_page(
            request,
            school,
            campaign_id,
            errors=errors,
            values=values,
            person_id=int(person) if person.isdigit() else None,
            status=400,
        )
    except CampaignError as exc:
        person = str(form.get("person", ""))
        return await _record_page(
            request,
            school,
            campaign_id,
            errors=problem("reason", str(exc)),
            values=values,
            status=400,
            person_id=int(person) if person.isdigit() else None,
        )
    note = "recorded" if signing.created else "already"
    return RedirectResponse(f"{campaign_url(school, campaign_id)}?recorded={note}", 303)


def routes() -> list[BaseRoute]:
    one = "/office/{school}/campaigns/{campaign}"
    return [
        Route(f"{one}/paper", letters, methods=["GET"]),
        Route(f"{one}/record", record_form, methods=["GET"]),
        Route(f"{one}/record", record, methods=["POST"]),
    ]
