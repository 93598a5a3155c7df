"""What every command that touches the database needs."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import click

from portal.core.catalog import CatalogError, load_catalog
from portal.sealing import sealer_for
from portal.settings import Settings, SettingsError
from portal.store import db
from portal.store.agreements import VersionConflict, publish_catalog
from portal.store.sealed import Resealed, reseal_stored_values

P = ParamSpec("P")
T = TypeVar("T")


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def run_async(func: Callable[P, Awaitable[T]]) -> Callable[P, T]:
    """Run an async click command to completion on a fresh event loop."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        return asyncio.run(func(*args, **kwargs))  # type: ignore[arg-type]

    return wrapper


async def prepare_database(settings: Settings, *, publish: bool = True) -> None:
    """Open the database, migrate it when embedded, and store the agreements folder."""
    if settings.embedded:
        await db.migrate(settings.database_url)
    await db.open_database(settings.database_url)
    if settings.embedded:  # what `signoff migrate` does after migrating, for the same reason
        await seal_stored_secrets(settings)
    if publish:
        try:
            await publish_catalog(load_catalog(settings.agreements_dir))
        except (CatalogError, VersionConflict) as exc:
            await db.close_database()
            raise click.ClickException(str(exc)) from None


async def seal_stored_secrets(settings: Settings) -> Resealed:
    """Seal secrets an earlier version stored in plain text, so a dump no longer shows them, and
    reseal those sealed under a previous key, so that key can be dropped."""
    return await reseal_stored_values(sealer_for(settings))


@asynccontextmanager
async def database(settings: Settings, *, publish: bool = True) -> AsyncIterator[None]:
    await prepare_database(settings, publish=publish)
    try:
        yield
    finally:
        await db.close_database()


def fail(message: str, code: int = 1) -> Any:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)
