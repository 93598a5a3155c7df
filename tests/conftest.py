"""Shared fixtures. The database is SQLite in memory unless SIGNOFF_TEST_DATABASE_URL says so.

    SIGNOFF_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest

runs every database test on PostgreSQL, in a schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from tortoise import Tortoise

from portal.settings import Settings
from portal.store import db as store_db
from portal.store import signing as signing_store
from portal.usecases import receipts

TEST_DATABASE_URL = os.environ.get("SIGNOFF_TEST_DATABASE_URL", "sqlite://:memory:")
ON_POSTGRES = store_db.dialect(TEST_DATABASE_URL) == "postgres"
ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
SHARED = ROOT.parent / "shared"


async def _postgres_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(**store_db.postgres_connect_args(TEST_DATABASE_URL))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[str]:
    """One schema for the whole run; tests get it emptied by the `db` fixture."""
    schema = f"signoff_test_{secrets.token_hex(4)}" if ON_POSTGRES else ""
    if ON_POSTGRES:
        await _postgres_admin(f'CREATE SCHEMA "{schema}"')
    await store_db.open_database(TEST_DATABASE_URL, schema=schema)
    await Tortoise.generate_schemas()
    try:
        yield schema
    finally:
        await store_db.close_database()
        if ON_POSTGRES:
            await _postgres_admin(f'DROP SCHEMA "{schema}" CASCADE')


async def _empty_tables() -> None:
    conn = Tortoise.get_connection("default")
    tables = [m._meta.db_table for m in Tortoise.apps["models"].values()]
    # Table names come from our own models, never from input.
    if ON_POSTGRES:
        await conn.execute_script(
            "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
        )
    else:
        await conn.execute_script(
            "PRAGMA foreign_keys=OFF;"
            + "".join(f'DELETE FROM "{t}";' for t in tables)
            + "PRAGMA foreign_keys=ON;"
        )


@pytest.fixture
async def db(database: str) -> AsyncIterator[None]:
    """A clean database for one test."""
    await _empty_tables()
    signing_store.forget_cached()
    yield
    await receipts.drain()  # receipts still going out belong to this test, not the next


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def make_settings(tmp_path: Path, **env: str) -> Settings:
    base = {
        "SIGNOFF_DATA_DIR": str(tmp_path / "data"),
        "SIGNOFF_SECRET_KEY": "test-secret-" + "x" * 40,
        "SIGNOFF_BASE_URL": "http://testserver",
        "SIGNOFF_AGREEMENTS_DIR": str(AGREEMENTS),
        "SIGNOFF_DATABASE_URL": TEST_DATABASE_URL,
        "SIGNOFF_ENV": "test",
    }
    return Settings.from_env({**base, **env})


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} (the team's shared folder) is missing beside the project")
    yield SHARED


from tests.mailpeer import mail_peer, mail_settings  # noqa: E402, F401  (SMTP peer fixtures)
