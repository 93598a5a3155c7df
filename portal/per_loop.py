"""One object per running event loop: what owns futures, tasks or connections cannot be shared
across loops (each test has its own; a server has one)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerLoop(Generic[T]):
    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, T] = (
            weakref.WeakKeyDictionary()
        )

    def get(self) -> T:
        """The running loop's, made on first use."""
        loop = asyncio.get_running_loop()
        found = self._by_loop.get(loop)
        if found is None:
            self._by_loop[loop] = found = self._make()
        return found

    def existing(self) -> T | None:
        """The running loop's, if it has made one."""
        return self._by_loop.get(asyncio.get_running_loop())
