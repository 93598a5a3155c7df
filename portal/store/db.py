"""Connecting to the database and bringing its schema up to date with aerich."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise

# Each area keeps its tables in its own module; all of them form the one "models" app.
MODEL_MODULES = [
    "portal.store.campaign_models",
    "portal.store.models",
    "portal.store.office_models",
    "portal.store.slack_models",
]
_MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"


def dialect(database_url: str) -> str:
    return "sqlite" if urlsplit(database_url).scheme == "sqlite" else "postgres"


def postgres_connect_args(database_url: str) -> dict[str, Any]:
    """asyncpg's connection arguments for a postgres:// URL, with the defaults the app uses."""
    parts = urlsplit(database_url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or None,
        "database": parts.path.lstrip("/") or "postgres",
    }


def tortoise_config(database_url: str, *, schema: str = "") -> dict[str, Any]:
    """Tortoise's config for one database; `schema` isolates a PostgreSQL test run."""
    if dialect(database_url) == "sqlite":
        path = database_url.split("://", 1)[1] or ":memory:"
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection: dict[str, Any] = {
            "engine": "tortoise.backends.sqlite",
            "credentials": {"file_path": path, "journal_mode": "WAL", "foreign_keys": "ON"},
        }
    else:
        connect = postgres_connect_args(database_url)
        credentials: dict[str, Any] = {
            **connect,
            "password": connect["password"] or "",  # Tortoise wants a string, asyncpg None
            "minsize": 1,
            "maxsize": 20,
            "reset": _release_connection,
        }
        if schema:
            credentials["schema"] = schema
        connection = {"engine": "portal.store.fair_pool", "credentials": credentials}
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {"models": [*MODEL_MODULES, "aerich.models"], "default_connection": "default"}
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def _release_connection(connection: Any) -> None:
    """What a connection needs before it goes back to the pool.

    asyncpg's default reset sends `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`
    on every release: a second round trip for each query. Nothing here keeps session state
    (no session advisory locks, cursors, LISTEN or SET), so only an unfinished transaction
    needs ending.
    """
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


def migrations_location(database_url: str) -> Path:
    """aerich writes SQL for one dialect, so each dialect keeps its own migrations."""
    return _MIGRATIONS / dialect(database_url)


async def open_database(database_url: str, *, schema: str = "") -> None:
    # Tortoise keeps its state in a context variable; the global fallback lets request tasks
    # (which do not inherit the lifespan task's context) and background tasks see it too.
    await Tortoise.init(
        config=tortoise_config(database_url, schema=schema), _enable_global_fallback=True
    )


async def close_database() -> None:
    await Tortoise.close_connections()


async def migrate(database_url: str) -> list[str]:
    """Apply every migration not yet applied; a fresh database gets all of them."""
    from aerich import Command

    command = Command(
        tortoise_config(database_url), app="models", location=str(migrations_location(database_url))
    )
    async with command:
        await command.init()
        applied: list[str] = await command.upgrade(run_in_transaction=True)
    return applied


async def make_migrations(database_url: str, name: str) -> str | None:
    """Write a new migration for this dialect from the models; None when nothing changed."""
    from aerich import Command

    location = migrations_location(database_url)
    command = Command(tortoise_config(database_url), app="models", location=str(location))
    async with command:
        if not (location / "models").exists():
            await command.init_db(safe=True)
            return "initial"
        await command.init()
        await command.upgrade(run_in_transaction=True)
        # aerich reads the last applied model state at init: on a scratch database that the
        # upgrade just filled, read it again or the new migration has nothing to compare with.
        await command.init()
        result: str | None = await command.migrate(name=name, no_input=True)
        return result
