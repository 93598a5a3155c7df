"""A limit on how often one client may do something, kept in this process's memory.

For public forms whose abuse costs little more than load (each server process keeps its own
count, and a restart clears it); sign-in attempts are counted in the database instead.
"""

from __future__ import annotations

import time
from collections import deque

MAX_KEYS = 10_000


class SlidingLimit:
    """At most `count` events per key within any `window` seconds."""

    def __init__(self, count: int, window: float) -> None:
        self.count = count
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one event for `key`, unless it is over the limit (then nothing is counted)."""
        at = time.monotonic() if now is None else now
        if len(self._seen) > MAX_KEYS:
            self._forget_before(at - self.window)
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= at - self.window:
            times.popleft()
        if len(times) >= self.count:
            return False
        times.append(at)
        return True

    def _forget_before(self, cutoff: float) -> None:
        self._seen = {k: t for k, t in self._seen.items() if t and t[-1] > cutoff}
