"""create_app(settings): the whole portal, with its routes gathered per area."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bots.slack.routes import routes as slack_routes
from portal.settings import Settings
from portal.store.published import PublishedAgreements
from portal.usecases import receipts
from portal.web import (
    agreements,
    ask,
    auth,
    health,
    office,
    office_campaigns,
    office_dashboard,
    reminder_loop,
    sign,
)

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings, *, manage_database: bool = True) -> Starlette:
    """The portal. Tests that own the database connection pass manage_database=False."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            from portal.cli.common import prepare_database
            from portal.store.db import close_database

            await prepare_database(settings)
            try:
                async with reminder_loop.running(settings):
                    yield
                await receipts.drain()
            finally:
                await close_database()
        else:
            yield
            await receipts.drain()

    # One engine per process for the API and the chat bots, so they answer alike; curation (hand
    # corrections of rule readings) stays in the agreements folder.
    published = PublishedAgreements(curation_root=settings.agreements_dir)
    routes: list[BaseRoute] = [
        # First: every parent at once hits these, and the router tries routes in order.
        *sign.routes(settings),
        *health.routes(),
        *ask.routes(published),
        *agreements.routes(),
        *office.routes(settings),
        *office_campaigns.routes(settings),
        *office_dashboard.routes(settings),
        *slack_routes(settings, published),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.published = published
    auth.install(app, settings)
    return app
