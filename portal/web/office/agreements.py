"""The office's agreements pages: list, read, and publish new versions (upload or edit)."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from portal.core.agreements import Agreement
from portal.core.changes import compare
from portal.store.models import School
from portal.usecases import publishing
from portal.usecases.publishing import Draft, Edit, FieldErrors, PublishRefused
from portal.web import auth
from portal.web.agreement_html import agreement_html
from portal.web.office.render import page

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


async def _school(request: Request) -> School:
    return await auth.require_school(request, request.path_params["school"])


async def _agreement(request: Request, school: School) -> Agreement:
    agreement = await publishing.agreement(school, request.path_params["agreement"])
    if agreement is None:
        raise HTTPException(404, "Not found")
    return agreement


async def _form(request: Request) -> FormData:
    form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_UPLOAD_BYTES)
    await auth.check_csrf(request, form)
    return form


async def index(request: Request) -> Response:
    school = await _school(request)
    return page(
        request,
        "office/agreements.html",
        school=school,
        active="agreements",
        agreements=await publishing.agreements(school),
        today=date.today(),
        errors=FieldErrors(),
        slug="",
    )


async def detail(request: Request) -> Response:
    school = await _school(request)
    return await _detail(request, school, await _agreement(request, school))


async def _detail(
    request: Request,
    school: School,
    agreement: Agreement,
    draft: Draft | None = None,
    upload_errors: FieldErrors | None = None,
    status: int = 200,
) -> Response:
    return page(
        request,
        "office/agreement.html",
        status,
        school=school,
        agreement=agreement,
        active="agreements",
        publications=await publishing.publications(school, agreement.slug),
        draft=draft or publishing.draft(agreement, date.today()),
        upload_errors=upload_errors or FieldErrors(),
        published=request.query_params.get("published"),
        today=date.today(),
    )


async def publish_edit(request: Request) -> Response:
    school, form = await _school(request), await _form(request)
    agreement = await _agreement(request, school)
    edit = Edit(
        text=str(form.get("text", "")),
        label=str(form.get("label", "")),
        effective=str(form.get("effective", "")),
        material=form.get("material") != "minor",
        changes=str(form.get("changes", "")),
    )
    try:
        await publishing.publish_edit(school, agreement.slug, edit, by=_by(request))
    except PublishRefused as exc:
        draft = Draft(
            edit.text,
            edit.label,
            edit.effective,
            edit.material,
            edit.changes,
            errors=exc.by_field(),
        )
        return await _detail(request, school, agreement, draft=draft, status=400)
    return _published(school, agreement.slug, edit.label.strip())


async def publish_upload(request: Request) -> Response:
    school, form = await _school(request), await _form(request)
    agreement = await _agreement(request, school)
    upload = form.get("file")
    try:
        parsed = await publishing.publish_upload(
            school, agreement.slug, *await _read(upload), by=_by(request)
        )
    except PublishRefused as exc:
        return await _detail(request, school, agreement, upload_errors=exc.by_field(), status=400)
    return _published(school, agreement.slug, parsed.version.label)


async def publish_new(request: Request) -> Response:
    school, form = await _school(request), await _form(request)
    slug = str(form.get("slug", "")).strip()
    try:
        parsed = await publishing.publish_upload(
            school, slug, *await _read(form.get("file")), by=_by(request), new=True
        )
    except PublishRefused as exc:
        return page(
            request,
            "office/agreements.html",
            400,
            school=school,
            active="agreements",
            agreements=await publishing.agreements(school),
            today=date.today(),
            errors=exc.by_field(),
            slug=slug,
        )
    return _published(school, slug, parsed.version.label)


async def _read(upload: object) -> tuple[str, bytes]:
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise PublishRefused([publishing.Problem("file", "choose a version file to upload")])
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise PublishRefused([publishing.Problem("file", "a version file may be at most 2 MB")])
    return upload.filename, await upload.read()


def _by(request: Request) -> str:
    user = request.scope[auth.SCOPE_USER]
    return str(user.email)


def _published(school: School, slug: str, label: str) -> Response:
    return RedirectResponse(f"/office/{school.slug}/agreements/{slug}?published={label}", 303)


async def version(request: Request) -> Response:
    school = await _school(request)
    agreement = await _agreement(request, school)
    current = agreement.version(request.path_params["label"])
    if current is None:
        raise HTTPException(404, "Not found")
    index = agreement.versions.index(current)
    previous = agreement.versions[index - 1] if index else None
    return page(
        request,
        "office/version.html",
        school=school,
        agreement=agreement,
        active="agreements",
        version=current,
        text=agreement_html(current.sha256, current.clauses),
        changes=compare(previous, current) if previous else None,
    )


async def download(request: Request) -> Response:
    school = await _school(request)
    agreement = await _agreement(request, school)
    current = agreement.version(request.path_params["label"])
    if current is None:
        raise HTTPException(404, "Not found")
    name = f"{agreement.slug}-{current.label}.md"
    return Response(
        publishing.version_file(agreement, current),
        media_type="text/markdown; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def api_index(request: Request) -> Response:
    school = await _school(request)
    agreements = await publishing.agreements(school)
    return JSONResponse(
        {"school": school.slug, "agreements": [publishing.summary(a) for a in agreements]},
        headers={"Cache-Control": "no-store"},
    )


def routes() -> list[BaseRoute]:
    base = "/office/{school}/agreements"
    one = base + "/{agreement}"
    return [
        Route(base, index, methods=["GET"]),
        Route(base, publish_new, methods=["POST"]),
        Route(one, detail, methods=["GET"]),
        Route(one + "/edit", publish_edit, methods=["POST"]),
        Route(one + "/upload", publish_upload, methods=["POST"]),
        Route(one + "/versions/{label}", version, methods=["GET"]),
        Route(one + "/versions/{label}/download", download, methods=["GET"]),
        Route("/api/office/{school}/agreements", api_index, methods=["GET"]),
    ]
