"""The aerich migrations build exactly the schema the models describe, on both dialects; and
`signoff migrate` seals the secrets an earlier version stored in plain text."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from portal.sealing import sealer_for
from tests.conftest import ON_POSTGRES, ROOT, TEST_DATABASE_URL, make_settings

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


# Applies only the first `count` migrations: a database as an earlier version left it.
_MIGRATE_TO = """
import asyncio, shutil, sys, tempfile
from pathlib import Path
from aerich import Command
from portal.store.db import migrations_location, tortoise_config
async def main(url, count):
    older = Path(tempfile.mkdtemp()) / "models"
    older.mkdir()
    files = sorted((migrations_location(url) / "models").glob("*.py"),
                   key=lambda f: int(f.name.split("_")[0]))
    for f in files[:int(count)]:
        shutil.copy(f, older)
    command = Command(tortoise_config(url), app="models", location=str(older.parent))
    async with command:
        await command.init()
        await command.upgrade(run_in_transaction=True)
asyncio.run(main(*sys.argv[1:]))
"""
_KEY = "k" * 40


def _run(*args: str, url: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIGNOFF_DATABASE_URL": url, "SIGNOFF_SECRET_KEY": _KEY, **settings}
    return subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True, text=True)


def _migrate(url: str, **settings: str) -> str:
    return _run(sys.executable, "-m", "portal", "migrate", url=url, **settings).stdout


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


# Before sealing (migration 2 widened the column for sealed values), the way an earlier version
# wrote rows. TRUE and literal timestamps read the same on both dialects.
_PLAIN_TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_LEGACY_ROWS = f"""
INSERT INTO "school" ("slug", "name", "timezone", "contacts", "created_at")
    VALUES ('clearwell', 'Clearwell', 'Europe/London', '{{}}', '2026-01-01 00:00:00');
INSERT INTO "office_user" ("email", "name", "password_hash", "role", "totp_secret",
    "totp_confirmed", "totp_last_step", "active", "created_at")
    VALUES ('o@clearwell.example', 'O', '', 'office', '{_PLAIN_TOTP}', TRUE, 0, TRUE,
    '2026-01-01 00:00:00');
INSERT INTO "slack_installation" ("team_id", "team_name", "app_id", "bot_id", "bot_user_id",
    "bot_token", "bot_scopes", "bot_refresh_token", "installed_by", "installed_at", "school_id")
    VALUES ('T42', 'Clearwell', 'A1', 'B1', 'U1', 'xoxb-plain', 'chat:write', 'xoxe-plain', '',
    '2026-01-01 00:00:00', (SELECT "id" FROM "school" WHERE "slug" = 'clearwell'));
"""
_READ_SECRETS = """
SELECT (SELECT "totp_secret" FROM "office_user"), (SELECT "bot_token" FROM "slack_installation"),
    (SELECT "bot_refresh_token" FROM "slack_installation")
"""


@asynccontextmanager
async def _scratch_database(tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of the dialect under test."""
    if not ON_POSTGRES:
        yield f"sqlite://{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"signoff_mig_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(TEST_DATABASE_URL.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{TEST_DATABASE_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _execute(url: str, script: str) -> None:
    if not ON_POSTGRES:
        with sqlite3.connect(url.removeprefix("sqlite://")) as conn:
            conn.executescript(script)
        return
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(script)
    finally:
        await conn.close()


async def _first_row(url: str, query: str) -> tuple[str, ...]:
    if not ON_POSTGRES:
        with sqlite3.connect(url.removeprefix("sqlite://")) as conn:
            return tuple(conn.execute(query).fetchone())
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        return tuple(await conn.fetchrow(query))
    finally:
        await conn.close()


async def test_migrate_seals_secrets_stored_in_plain_text_once(tmp_path: Path):
    async with _scratch_database(tmp_path) as url:
        _run(sys.executable, "-c", _MIGRATE_TO, url, "2", url=url)
        await _execute(url, _LEGACY_ROWS)

        first = _migrate(url)
        assert "sealed 3 secret(s)" in first
        stored = await _first_row(url, _READ_SECRETS)
        sealer = sealer_for(make_settings(tmp_path, SIGNOFF_SECRET_KEY=_KEY))
        assert [sealer.open(v) for v in stored] == [_PLAIN_TOTP, "xoxb-plain", "xoxe-plain"]
        assert all(v.startswith("sealed:v1:") for v in stored)

        again = _migrate(url)  # nothing left to seal, and nothing sealed twice
        assert "sealed" not in again
        assert await _first_row(url, _READ_SECRETS) == stored


_NEW_KEY = "the-new-key-" + "n" * 40
# As _READ_SECRETS, with a second office user beside the first.
_READ_ROTATED = """
SELECT (SELECT "totp_secret" FROM "office_user" WHERE "email" = 'o@clearwell.example'),
    (SELECT "bot_token" FROM "slack_installation"),
    (SELECT "bot_refresh_token" FROM "slack_installation")
"""
_READ_TOTPS = """
SELECT (SELECT "totp_secret" FROM "office_user" WHERE "email" = 'o@clearwell.example'),
    (SELECT "totp_secret" FROM "office_user" WHERE "email" = 'p@clearwell.example')
"""


async def test_migrate_reseals_secrets_sealed_under_a_previous_key_once(tmp_path: Path):
    old = sealer_for(make_settings(tmp_path, SIGNOFF_SECRET_KEY=_KEY))
    lost = sealer_for(make_settings(tmp_path, SIGNOFF_SECRET_KEY="a-lost-key-" + "z" * 40))
    async with _scratch_database(tmp_path) as url:
        _migrate(url)
        # Two values sealed under the key being rotated out, one an earlier version left in
        # plain text, and one sealed under a key nobody has any more.
        rows = (
            _LEGACY_ROWS.replace(f"'{_PLAIN_TOTP}'", f"'{old.seal(_PLAIN_TOTP)}'")
            .replace("'xoxb-plain'", f"'{old.seal('xoxb-plain')}'")
            .replace("'xoxe-plain'", f"'{lost.seal('xoxe-plain')}'")
        )
        second_user = """
INSERT INTO "office_user" ("email", "name", "password_hash", "role", "totp_secret",
    "totp_confirmed", "totp_last_step", "active", "created_at")
    VALUES ('p@clearwell.example', 'P', '', 'office', 'PLAINPLAINPLAIN2', TRUE, 0, TRUE,
    '2026-01-01 00:00:00');
"""
        await _execute(url, rows + second_user)
        before = await _first_row(url, _READ_ROTATED)
        rotated = {"SIGNOFF_SECRET_KEY": _NEW_KEY, "SIGNOFF_SECRET_KEY_PREVIOUS": _KEY}

        first = _run(sys.executable, "-m", "portal", "migrate", url=url, **rotated)
        assert "resealed 2 secret(s) sealed under a previous key" in first.stdout
        assert "sealed 1 secret(s) stored in plain text" in first.stdout
        assert "1 secret(s) cannot be opened" in first.stderr and "reset-code" in first.stderr
        totp, token, refresh = await _first_row(url, _READ_ROTATED)
        assert (totp, token) != before[:2] and refresh == before[2]  # the lost one is left as is
        new_alone = sealer_for(make_settings(tmp_path, SIGNOFF_SECRET_KEY=_NEW_KEY))
        assert [new_alone.open(v) for v in (totp, token)] == [_PLAIN_TOTP, "xoxb-plain"]
        assert new_alone.open((await _first_row(url, _READ_TOTPS))[1]) == "PLAINPLAINPLAIN2"

        stored = await _first_row(url, _READ_TOTPS)
        again = _run(sys.executable, "-m", "portal", "migrate", url=url, **rotated)
        assert "sealed" not in again.stdout  # nothing resealed twice
        assert await _first_row(url, _READ_TOTPS) == stored
        assert await _first_row(url, _READ_ROTATED) == (totp, token, refresh)
