"""Rendering office pages through the portal's one Jinja environment, with headers that keep
them private and script-free."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from portal.web import auth
from portal.web.templating import templates

# No script may run, no style may be inline, nothing may frame the page, forms post only here.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

templates().env.globals["csrf_token"] = auth.csrf_token


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """`user`, `school` and `active` (the current navigation item) default to nothing."""
    context = {"user": request.scope.get(auth.SCOPE_USER), "school": None, "active": "", **context}
    response = templates().TemplateResponse(request, name, context, status_code=status)
    response.headers.update(HEADERS)
    return response
