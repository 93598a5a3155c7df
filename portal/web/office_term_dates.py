"""The school's term dates: reminders are not sent in the holidays between them."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.store.models import School
from portal.usecases import term_dates
from portal.web import auth
from portal.web.office.render import page
from portal.web.office_forms import Errors, actor, checked_form, path_id, problem, school_of


async def terms(request: Request) -> Response:
    school = await school_of(request)
    return await _terms_page(request, school)


async def _terms_page(
    request: Request,
    school: School,
    errors: Errors | None = None,
    values: Mapping[str, object] | None = None,
    status: int = 200,
) -> Response:
    return page(
        request,
        "office/term_dates.html",
        status,
        school=school,
        active="campaigns",
        terms=await term_dates.listing(school),
        errors=errors or {},
        values=values or {},
    )


async def add_term(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    form = await checked_form(request)
    values = {k: form.get(k, "") for k in ("name", "starts_on", "ends_on")}
    try:
        await term_dates.add(
            school,
            str(values["name"]),
            str(values["starts_on"]),
            str(values["ends_on"]),
            actor(user),
        )
    except term_dates.TermError as exc:
        return await _terms_page(request, school, problem(exc.field, str(exc)), values, 400)
    return RedirectResponse(f"/office/{school.slug}/term-dates", 303)


async def remove_term(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    await checked_form(request)
    await term_dates.remove(school, path_id(request, "term"), actor(user))
    return RedirectResponse(f"/office/{school.slug}/term-dates", 303)


def routes() -> list[BaseRoute]:
    return [
        Route("/office/{school}/term-dates", terms, methods=["GET"]),
        Route("/office/{school}/term-dates", add_term, methods=["POST"]),
        Route("/office/{school}/term-dates/{term}/delete", remove_term, methods=["POST"]),
    ]
