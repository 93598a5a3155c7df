"""Liveness and readiness for load balancers and compose healthchecks."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route
from tortoise import Tortoise


async def healthz(request: Request) -> JSONResponse:
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception as exc:  # any failure to reach the database means "not ready"
        return JSONResponse({"status": "unavailable", "database": type(exc).__name__}, 503)
    return JSONResponse({"status": "ok"})


def routes() -> list[BaseRoute]:
    return [Route("/healthz", healthz, methods=["GET"])]
