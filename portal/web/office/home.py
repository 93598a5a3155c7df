"""Where an office user lands: their school's page, or the trust overview for administrators."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.core.renewals import Status
from portal.settings import Settings
from portal.store.roster import roster_summary
from portal.usecases import accounts, campaigns, dashboard, responses
from portal.web import auth
from portal.web.office.render import page


async def landing(request: Request) -> Response:
    user = await auth.require_user(request)
    schools = await accounts.schools_of(user)
    if user.role != "trust_admin" and len(schools) == 1:
        return RedirectResponse(f"/office/{schools[0].slug}/", 303)
    return page(request, "office/trust.html", schools=schools, active="trust")


async def school_home(request: Request) -> Response:
    """The question the office answers to the head ("has everyone signed?") and what needs
    doing next: replies to answer, campaigns still reminding, a roster never imported."""
    school = await auth.require_school(request, request.path_params["school"])
    settings: Settings = request.app.state.settings
    today = dashboard.local_today(school)
    listed = await campaigns.listing(school)
    return page(
        request,
        "office/school.html",
        school=school,
        active="home",
        completions=await dashboard.school_completion(school, today, settings.due_soon_days),
        waiting=await responses.waiting_count(school),
        reminding=sum(1 for c in listed if c["status"] == "sent"),
        drafts=sum(1 for c in listed if c["status"] == "draft"),
        due_soon=Status.DUE_SOON,
        roster=await roster_summary(school),
    )


def routes() -> list[BaseRoute]:
    return [
        Route("/office/", landing, methods=["GET"]),
        Route("/office/{school}/", school_home, methods=["GET"]),
    ]
