"""The security headers every sign page response carries."""

from __future__ import annotations

from starlette.responses import Response

HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


def harden(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response
