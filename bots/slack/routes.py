"""The Slack endpoints, mounted in the portal when Slack is configured."""

from __future__ import annotations

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bots.slack.oauth import INSTALL_PATH, REDIRECT_PATH
from portal.settings import Settings
from portal.store.published import PublishedAgreements


def routes(settings: Settings, published: PublishedAgreements) -> list[BaseRoute]:
    if not settings.slack.enabled:
        return []
    from bots.slack.app import create_slack_app

    handler = AsyncSlackRequestHandler(create_slack_app(settings, published))

    async def endpoint(request: Request) -> Response:
        return await handler.handle(request)

    found: list[BaseRoute] = [Route("/slack/events", endpoint, methods=["POST"])]
    if settings.slack.client_id:
        found += [
            Route(INSTALL_PATH, endpoint, methods=["GET"]),
            Route(REDIRECT_PATH, endpoint, methods=["GET"]),
        ]
    return found
