"""Public pages for reading an agreement version in full (linked from Slack and emails)."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from portal.usecases.reading import read_agreement
from portal.web.agreement_html import agreement_html
from portal.web.templating import templates

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # Versions never change, but which one is in force does.
    "Cache-Control": "public, max-age=300",
}


async def agreement_page(request: Request) -> Response:
    params = request.path_params
    reading = await read_agreement(
        params["school"], params["agreement"], params.get("version"), datetime.now(UTC).date()
    )
    if reading is None:
        raise HTTPException(404, "No such agreement or version")
    return templates().TemplateResponse(
        request,
        "agreements/page.html",
        {
            "reading": reading,
            "text": agreement_html(reading.version.sha256, reading.version.clauses),
        },
        headers=_HEADERS,
    )


def routes() -> list[BaseRoute]:
    return [
        Route("/agreements/{school}/{agreement}", agreement_page, methods=["GET"]),
        Route("/agreements/{school}/{agreement}/{version}", agreement_page, methods=["GET"]),
    ]
