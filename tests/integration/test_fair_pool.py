"""PostgreSQL connections are handed out in the order they were asked for.

Under a rush, a request that asked for a connection must not wait while requests that asked
after it are served.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from tortoise import connections

from portal.store import db as store_db
from portal.store.fair_pool import FairPool
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="asyncpg's pool: the PostgreSQL run")


WORKERS = 20


@pytest.fixture
async def four_connections() -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(
        **store_db.postgres_connect_args(TEST_DATABASE_URL), min_size=4, max_size=4
    )
    try:
        yield pool
    finally:
        await pool.close()


async def _most_overtaken(pool: Any) -> int:
    """Twenty tasks each take a connection twenty times, asking again as soon as they give it
    back, as a rush of requests does: the most connections handed to others while one task
    waited for its own."""
    granted = worst = 0

    async def work() -> None:
        nonlocal granted, worst
        for _ in range(20):
            asked_at = granted
            connection = await pool.acquire()
            worst = max(worst, granted - asked_at)
            granted += 1
            await connection.fetchval("SELECT 1")
            await pool.release(connection)

    await asyncio.gather(*(work() for _ in range(WORKERS)))
    return worst


async def test_no_task_waits_behind_one_that_asked_later(four_connections: asyncpg.Pool) -> None:
    # In line, a task waits at most for the others, each once.
    assert await _most_overtaken(FairPool(four_connections, 4)) <= WORKERS - 1


async def test_asyncpg_alone_lets_later_tasks_past(four_connections: asyncpg.Pool) -> None:
    # The same rush on asyncpg's own pool shows MagicStack/asyncpg#1247. When this fails,
    # asyncpg serves waiters in order itself and FairPool can go.
    assert await _most_overtaken(four_connections) > WORKERS - 1


async def test_the_portal_queries_postgres_through_the_fair_pool(db: None) -> None:
    client = connections.get("default")
    await client.execute_query("SELECT 1")
    assert isinstance(client._pool, FairPool)
    async with client._in_transaction() as transaction:
        assert (await transaction.execute_query("SELECT 2"))[1][0][0] == 2
