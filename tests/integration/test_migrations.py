"""The aerich migrations build exactly the schema the models describe, on both dialects."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import asyncpg

from tests.conftest import ON_POSTGRES, ROOT, TEST_DATABASE_URL

_GENERATE = """
import asyncio, sys
from tortoise import Tortoise
from portal.store.db import tortoise_config
async def main():
    await Tortoise.init(config=tortoise_config(sys.argv[1]))
    await Tortoise.generate_schemas()
    await Tortoise.close_connections()
asyncio.run(main())
"""


def _run(*args: str, url: str) -> None:
    env = {**os.environ, "SIGNOFF_DATABASE_URL": url, "SIGNOFF_SECRET_KEY": "k" * 40}
    subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True, text=True)


def _migrate(url: str) -> None:
    _run(sys.executable, "-m", "portal", "migrate", url=url)


def _generate(url: str) -> None:
    _run(sys.executable, "-c", _GENERATE, url, url=url)


def _sqlite_schema(path: Path) -> dict[str, set[tuple[str, str, int]]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: {(c[1], c[2].upper(), c[3]) for c in conn.execute(f'PRAGMA table_info("{t}")')}
            for t in tables
            if t != "aerich" and not t.startswith("sqlite_")
        }


async def _postgres_schema(url: str) -> dict[str, set[tuple[str, str, str]]]:
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name <> 'aerich'"
        )
    finally:
        await conn.close()
    schema: dict[str, set[tuple[str, str, str]]] = {}
    for r in rows:
        schema.setdefault(r["table_name"], set()).add(
            (r["column_name"], r["data_type"], r["is_nullable"])
        )
    return schema


def test_sqlite_migrations_match_the_models(tmp_path: Path):
    migrated, generated = tmp_path / "migrated.sqlite3", tmp_path / "generated.sqlite3"
    _migrate(f"sqlite://{migrated}")
    _migrate(f"sqlite://{migrated}")  # a second run applies nothing and fails nothing
    _generate(f"sqlite://{generated}")
    assert _sqlite_schema(migrated) == _sqlite_schema(generated)


async def test_postgres_migrations_match_the_models():
    if not ON_POSTGRES:
        # Covered by the PostgreSQL run of the suite (scripts/test runs both).
        return
    base = TEST_DATABASE_URL.rsplit("/", 1)[0]
    names = [f"signoff_mig_{secrets.token_hex(4)}" for _ in range(2)]
    admin = await asyncpg.connect(TEST_DATABASE_URL.replace("postgres://", "postgresql://", 1))
    try:
        for name in names:
            await admin.execute(f'CREATE DATABASE "{name}"')
        migrated, generated = (f"{base}/{n}" for n in names)
        _migrate(migrated)
        _generate(generated)
        assert await _postgres_schema(migrated) == await _postgres_schema(generated)
    finally:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
