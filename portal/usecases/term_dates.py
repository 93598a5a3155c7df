"""The school's term dates, entered by the office: reminders are not sent in the holidays."""

from __future__ import annotations

from datetime import date

from portal.store import campaigns as store
from portal.store.campaign_models import TermDates
from portal.store.models import School

_LONGEST_TERM_DAYS = 200


class TermError(ValueError):
    """A term as entered cannot be kept; `field` names the input to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


async def listing(school: School) -> list[TermDates]:
    return await store.terms(school)


def _day(raw: str, field: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise TermError(field, "Give the date like 2025-09-03.") from None


async def add(school: School, name: str, starts_on: str, ends_on: str, actor: str) -> None:
    first, last = _day(starts_on, "starts_on"), _day(ends_on, "ends_on")
    if last < first:
        raise TermError("ends_on", "The term must end on or after the day it starts.")
    if (last - first).days > _LONGEST_TERM_DAYS:
        raise TermError("ends_on", "That is longer than any term: enter each term separately.")
    await store.add_term(school, name.strip()[:100], first, last, actor)


async def remove(school: School, term_id: int, actor: str) -> bool:
    return await store.remove_term(school, term_id, actor)
