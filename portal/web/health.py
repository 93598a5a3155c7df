"""Liveness and readiness for load balancers and compose healthchecks."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import BaseRoute, Route
from tortoise import Tortoise


async def healthz(request: Request) -> JSONResponse:
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception as exc:  # any failure to reach the database means "not ready"
        return JSONResponse({"status": "unavailable", "database": type(exc).__name__}, 503)
    return JSONResponse({"status": "ok"})


async def home(request: Request) -> RedirectResponse:
    # Parents arrive by their personal link and staff by Slack or the office pages; the bare
    # address belongs to the office.
    return RedirectResponse("/office/", status_code=303)


def routes() -> list[BaseRoute]:
    return [Route("/healthz", healthz, methods=["GET"]), Route("/", home, methods=["GET"])]
