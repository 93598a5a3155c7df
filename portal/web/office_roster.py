"""Importing the roster in the office: upload the MIS export, see what it would change, import.

The same import as `signoff roster import` (portal.store.roster): rows matched by MIS id,
leavers marked left, a partial export refused unless the office confirms the leavers.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from portal.core.roster import PupilRoster, Roster, RosterKind, RosterRefused
from portal.store.models import School
from portal.store.roster import ImportReport, TooManyLeavers, roster_summary
from portal.usecases import roster_uploads
from portal.usecases.roster_uploads import Upload, UploadError
from portal.web import auth
from portal.web.office.render import page
from portal.web.office_forms import Errors, actor, checked_form, problem, school_of

SHOWN = 200
"""People without an email address listed on the page; the rest are counted."""
_KINDS = {"": "Tell from the column headings", "staff": "Staff", "pupils": "Pupils with contacts"}


async def roster_page(request: Request) -> Response:
    school = await school_of(request)
    await roster_uploads.clear_old()
    return await _page(request, school)


async def check(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    form = await checked_form(request)
    kind = _kind(form)
    try:
        upload = roster_uploads.received(*await _file(form))
    except UploadError as exc:
        return await _page(request, school, errors=problem("file", str(exc)), kind=kind, status=422)
    try:
        checked = await roster_uploads.check(school, upload, _roster_kind(kind), actor(user))
    except RosterRefused as refused:
        return await _page(request, school, refused=refused, upload=upload, kind=kind, status=422)
    await roster_uploads.keep(school, upload)
    return await _page(
        request, school, upload=upload, kind=kind, roster=checked.roster, report=checked.report
    )


async def apply(request: Request) -> Response:
    school = await school_of(request)
    user = await auth.require_user(request)
    form = await checked_form(request)
    kind = _kind(form)
    try:
        upload = await roster_uploads.kept(
            school, str(form.get("sha256", "")), str(form.get("name", ""))
        )
        roster, report = await roster_uploads.apply(
            school,
            upload,
            _roster_kind(kind),
            actor(user),
            allow_leavers=form.get("allow_leavers") == "yes",
        )
    except UploadError as exc:
        return await _page(request, school, errors=problem("file", str(exc)), kind=kind, status=410)
    except TooManyLeavers as refused:
        return await _page(
            request,
            school,
            upload=upload,
            kind=kind,
            roster=roster_uploads.read(upload, _roster_kind(kind)),
            report=refused.report,
            errors=problem("allow_leavers", "Confirm that these people really have left."),
            status=422,
        )
    await roster_uploads.forget(school, upload)
    return await _page(request, school, upload=upload, roster=roster, report=report, imported=True)


async def _page(
    request: Request,
    school: School,
    *,
    errors: Errors | None = None,
    refused: RosterRefused | None = None,
    upload: Upload | None = None,
    kind: str = "",
    roster: Roster | None = None,
    report: ImportReport | None = None,
    imported: bool = False,
    status: int = 200,
) -> Response:
    return page(
        request,
        "office/roster.html",
        status,
        school=school,
        active="roster",
        kinds=_KINDS,
        kind=kind,
        errors=errors or {},
        refused=refused,
        upload=upload,
        roster=roster,
        report=report,
        imported=imported,
        no_email=_without_email(roster) if roster is not None else [],
        shown=SHOWN,
        summary=await roster_summary(school),
    )


def _without_email(roster: Roster) -> list[dict[str, Any]]:
    """Who the import keeps with no address (the paper route), with their pupils for contacts."""
    if isinstance(roster, PupilRoster):
        children = roster.pupils_by_contact()
        return [
            {
                "line": c.line,
                "name": c.full_name,
                "pupils": ", ".join(p.full_name for p in children.get(c.mis_id, [])),
            }
            for c in roster.without_email
        ]
    return [{"line": s.line, "name": s.full_name, "pupils": ""} for s in roster.without_email]


async def _file(form: FormData) -> tuple[str, bytes]:
    sent = form.get("file")
    if not isinstance(sent, UploadFile):
        return "", b""
    return sent.filename or "", await sent.read(roster_uploads.MAX_BYTES + 1)


def _kind(form: FormData) -> str:
    raw = str(form.get("kind", ""))
    return raw if raw in _KINDS else ""


def _roster_kind(kind: str) -> RosterKind | None:
    return RosterKind(kind) if kind else None


def routes() -> list[BaseRoute]:
    return [
        Route("/office/{school}/roster", roster_page, methods=["GET"]),
        Route("/office/{school}/roster/check", check, methods=["POST"]),
        Route("/office/{school}/roster/import", apply, methods=["POST"]),
    ]
