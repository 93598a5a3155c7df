"""One statement's bind values, written in the connection's placeholder style."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient


def default_connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


class Sql:
    """Collects bind values and writes each dialect's placeholder.

    SQLite's placeholders are positional, so text must be built in the order it reads.
    """

    def __init__(self, numbered: bool, connection: BaseDBAsyncClient | None = None) -> None:
        self.numbered, self.connection = numbered, connection
        self.values: list[Any] = []

    @classmethod
    def on(cls, connection: BaseDBAsyncClient) -> Sql:
        return cls(connection.capabilities.dialect == "postgres", connection)

    def p(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.numbered else "?"

    async def run(self, text: str) -> list[dict[str, Any]]:
        assert self.connection is not None
        return await self.connection.execute_query_dict(text, self.values)
