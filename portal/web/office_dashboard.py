"""Completion pages: who has signed, by group and person, the CSV export and evidence bundles.

Every page resolves its school with `auth.require_school`, so one school's office never sees
another's; the trust roll-up is for trust administrators only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from portal.core.evidence import same_signer
from portal.core.renewals import Status
from portal.settings import Settings
from portal.store.models import School
from portal.usecases import dashboard, evidence_bundle, resending
from portal.usecases.dashboard import STATUS_LABELS, PeopleFilter, Tally
from portal.usecases.resending import NewLink
from portal.web import auth
from portal.web.office.render import HEADERS, page
from portal.web.office_forms import actor, checked_form, path_id, settings_of

PER_PAGE = 50
CHANNELS = {
    "email-link": "Emailed link",
    "portal": "Portal",
    "slack": "Slack",
    "teams": "Teams",
    "paper": "Paper slip, recorded by the office",
    "phone": "By phone, recorded by the office",
}
_DOWNLOAD_HEADERS = {k: v for k, v in HEADERS.items() if k != "Content-Security-Policy"}


def segments(tally: Tally) -> list[dict[str, Any]]:
    """A stacked bar's parts, left to right, as percentages of the whole."""
    parts: list[dict[str, Any]] = []
    start = 0.0
    for status, count in tally.ordered():
        width = 100 * count / tally.total if tally.total else 0
        if count:
            parts.append(
                {
                    "status": status.value,
                    "label": STATUS_LABELS[status],
                    "count": count,
                    "x": round(start, 3),
                    "width": round(width, 3),
                }
            )
        start += width
    return parts


def describe(tally: Tally, noun: str) -> str:
    """The bar's text alternative, e.g. "120 staff: 100 signed, 5 due soon, 15 overdue"."""
    parts = [f"{n} {STATUS_LABELS[s].lower()}" for s, n in tally.ordered() if n]
    return f"{tally.total} {noun}: " + (", ".join(parts) if parts else "none")


def _context(school: School | None, **extra: Any) -> dict[str, Any]:
    return {
        "school": school,
        "active": "completion",
        "labels": STATUS_LABELS,
        "statuses": list(STATUS_LABELS),
        "segments": segments,
        "describe": describe,
        **extra,
    }


async def school_page(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    settings: Settings = request.app.state.settings
    today = dashboard.local_today(school)
    completions = await dashboard.school_completion(school, today, settings.due_soon_days)
    return page(
        request, "office/completion.html", **_context(school, completions=completions, today=today)
    )


async def agreement_page(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    settings: Settings = request.app.state.settings
    today = dashboard.local_today(school)
    completion = await dashboard.agreement_completion(
        school, request.path_params["agreement"], today, settings.due_soon_days
    )
    if completion is None:
        raise HTTPException(404, "Not found")
    return page(
        request,
        "office/completion_agreement.html",
        **_context(school, completion=completion, today=today),
    )


def _people_filter(request: Request) -> PeopleFilter:
    raw = request.query_params.get("status", "")
    status = Status(raw) if raw in {s.value for s in Status} else None
    return PeopleFilter(status=status, group=request.query_params.get("group", "")[:200])


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


async def people_page(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    settings: Settings = request.app.state.settings
    today = dashboard.local_today(school)
    where = _people_filter(request)
    found = await dashboard.people(
        school,
        request.path_params["agreement"],
        today,
        where,
        page=_page_number(request),
        per_page=PER_PAGE,
        due_soon_days=settings.due_soon_days,
    )
    if found is None:
        raise HTTPException(404, "Not found")
    groups = [g for gs in found.completion.breakdowns.values() for g in gs]
    chosen = next((g.label for g in groups if g.key == where.group), "")
    return page(
        request,
        "office/completion_people.html",
        **_context(
            school,
            people=found,
            where=where,
            groups=groups,
            chosen=chosen,
            query=_query(where),
            today=today,
        ),
    )


def _query(where: PeopleFilter) -> str:
    return urlencode(
        {
            k: v
            for k, v in (
                ("status", where.status.value if where.status else ""),
                ("group", where.group),
            )
            if v
        }
    )


async def export(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    settings: Settings = request.app.state.settings
    slug = request.path_params["agreement"]
    rows = await dashboard.export_csv(
        school,
        slug,
        dashboard.local_today(school),
        _people_filter(request),
        settings.due_soon_days,
    )
    if rows is None:
        raise HTTPException(404, "Not found")
    name = f"{school.slug}-{slug}-{datetime.now(UTC):%Y-%m-%d}.csv"
    return StreamingResponse(
        _with_bom(rows),
        media_type="text/csv; charset=utf-8",
        headers={**_DOWNLOAD_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
    )


async def _with_bom(rows: AsyncIterator[str]) -> AsyncIterator[str]:
    # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    yield "\ufeff"
    async for chunk in rows:
        yield chunk


async def evidence(request: Request) -> Response:
    school = await auth.require_school(request, request.path_params["school"])
    person_id = path_id(request, "person")
    bundle = await evidence_bundle.person_bundle(school, person_id)
    if bundle is None:
        raise HTTPException(404, "Not found")
    name = f"evidence-{school.slug}-person-{person_id}.json"
    return Response(
        evidence_bundle.to_json(bundle),
        media_type="application/json",
        headers={**_DOWNLOAD_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
    )


async def person_page(request: Request) -> Response:
    """The evidence bundle, readable: what an inspector is shown on screen or on paper."""
    school = await auth.require_school(request, request.path_params["school"])
    bundle = await evidence_bundle.person_bundle(school, path_id(request, "person"))
    if bundle is None:
        raise HTTPException(404, "Not found")
    outcome = request.query_params.get("new_link", "")
    return page(
        request,
        "office/person.html",
        school=school,
        active="completion",
        b=bundle,
        channels=CHANNELS,
        same_signer=same_signer,
        newest=_newest_links(bundle["invitations"]),
        new_link=outcome if outcome in set(NewLink) else "",
    )


async def new_link(request: Request) -> Response:
    """The office sends a person a fresh link (they lost the email, or it ran out)."""
    school = await auth.require_school(request, request.path_params["school"])
    user = await auth.require_user(request)
    await checked_form(request)
    person, invitation = path_id(request, "person"), path_id(request, "invitation")
    outcome = await resending.send_new_link_to(
        settings_of(request), school, person, invitation, actor(user), datetime.now(UTC)
    )
    if outcome is None:
        raise HTTPException(404, "Not found")
    return RedirectResponse(f"/office/{school.slug}/people/{person}?new_link={outcome}", 303)


def _newest_links(invitations: list[dict[str, Any]]) -> set[int]:
    """Each agreement's newest link: the one a new link would replace."""
    newest: dict[str, int] = {}
    for invitation in invitations:  # oldest first
        newest[invitation["agreement__slug"]] = invitation["id"]
    return set(newest.values())


async def trust_page(request: Request) -> Response:
    user = await auth.require_user(request)
    if user.role != "trust_admin":
        raise HTTPException(404, "Not found")
    settings: Settings = request.app.state.settings
    schools = await auth.visible_schools(user)
    rollups = await dashboard.trust_rollup(schools, due_soon_days=settings.due_soon_days)
    staff = sum((r.staff for r in rollups), Tally())
    pupils = sum((r.pupils for r in rollups), Tally())
    return page(
        request,
        "office/completion_trust.html",
        **_context(None, rollups=rollups, staff=staff, pupils=pupils, active="trust-completion"),
    )


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/office/completion", trust_page, methods=["GET"]),
        Route("/office/{school}/completion", school_page, methods=["GET"]),
        Route("/office/{school}/completion/{agreement}", agreement_page, methods=["GET"]),
        Route("/office/{school}/completion/{agreement}/people", people_page, methods=["GET"]),
        Route("/office/{school}/completion/{agreement}/export.csv", export, methods=["GET"]),
        Route("/office/{school}/people/{person}", person_page, methods=["GET"]),
        Route(
            "/office/{school}/people/{person}/links/{invitation}/new", new_link, methods=["POST"]
        ),
        Route("/office/{school}/people/{person}/evidence.json", evidence, methods=["GET"]),
    ]
