"""How people, pupils and days are written in pages and emails (British English)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class _Pupil(Protocol):
    @property
    def full_name(self) -> str: ...
    @property
    def year_group(self) -> str: ...


def pupil_name(pupil: _Pupil) -> str:
    return f"{pupil.full_name} ({pupil.year_group})" if pupil.year_group else pupil.full_name


def natural_key(text: str) -> tuple[object, ...]:
    """Sorts "Year 10" after "Year 9", and "10A" after "9B": the order a school reads them in."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text))


def listing(items: Iterable[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    words: Sequence[str] = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def pupil_names(pupils: Iterable[_Pupil]) -> str:
    return listing(pupil_name(p) for p in pupils)


def long_date(day: date | datetime, timezone: str = "") -> str:
    if isinstance(day, datetime) and timezone:
        day = day.astimezone(ZoneInfo(timezone))
    return f"{day.day} {day:%B %Y}"


def long_time(moment: datetime, timezone: str) -> str:
    """ "21 November 2026 at 14:05 (UK time)" in the school's timezone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{long_date(local)} at {local:%H:%M} ({local.tzname()})"
