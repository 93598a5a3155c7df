"""Tortoise's asyncpg backend with its connections handed out first come, first served.

asyncpg's pool keeps idle connections in an asyncio queue, and a task that asks while a
connection is being returned takes it ahead of a task already waiting; the woken waiter
finds the queue empty again and goes to the back (MagicStack/asyncpg#1247). Under a rush
of parents opening their links, most requests were served in ~50 ms while a few waited
400 ms or more behind newcomers. A semaphore as large as the pool, released only after
the connection is back, puts every task in one line: asyncio's semaphore wakes its
waiters in order and lets nobody past them, and whoever holds a turn finds a connection
free. Tortoise reaches the pool only through acquire and release, so nothing else
changes.

Named as the engine in the Tortoise config (`portal.store.fair_pool`).
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


class FairPool:
    """An asyncpg pool whose acquire waits its turn; everything else is the pool's own."""

    def __init__(self, pool: asyncpg.Pool, size: int) -> None:
        self._pool = pool
        self._turns = asyncio.Semaphore(size)

    async def acquire(self) -> asyncpg.Connection:
        await self._turns.acquire()
        try:
            connection: asyncpg.Connection = await self._pool.acquire()
        except BaseException:
            self._turns.release()
            raise
        return connection

    async def release(self, connection: asyncpg.Connection) -> None:
        try:
            await self._pool.release(connection)
        finally:
            self._turns.release()

    def __getattr__(self, name: str) -> Any:
        # close, terminate, expire_connections, get_size… as asyncpg has them.
        return getattr(self._pool, name)


class FairAsyncpgClient(AsyncpgDBClient):
    async def create_pool(self, **kwargs: Any) -> Any:
        pool = await super().create_pool(**kwargs)
        return FairPool(pool, int(kwargs["max_size"]))


client_class = FairAsyncpgClient
