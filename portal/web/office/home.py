"""Where an office user lands: their school's page, or the trust overview for administrators."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.usecases import accounts
from portal.web import auth
from portal.web.office.render import page


async def landing(request: Request) -> Response:
    user = await auth.require_user(request)
    schools = await accounts.schools_of(user)
    if user.role != "trust_admin" and len(schools) == 1:
        return RedirectResponse(f"/office/{schools[0].slug}/", 303)
    return page(request, "office/trust.html", schools=schools, active="trust")


async def school_home(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    return page(request, "office/school.html", school=school, active="home")


def routes() -> list[BaseRoute]:
    return [
        Route("/office/", landing, methods=["GET"]),
        Route("/office/{school}/", school_home, methods=["GET"]),
    ]
