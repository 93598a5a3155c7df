"""Completion per agreement for one school, and per school for a trust."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import date, datetime

from portal.core.renewals import DEFAULT_DUE_SOON_DAYS
from portal.store import completion as store
from portal.store.models import School
from portal.usecases.dashboard.breakdown import completion_of
from portal.usecases.dashboard.plans import local_today, plans_for
from portal.usecases.dashboard.results import Completion, SchoolRollup, Tally


async def school_completion(
    school: School, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> list[Completion]:
    plans, teams = await asyncio.gather(
        plans_for(school, today, due_soon_days), store.teams(school.id)
    )
    # One statement per agreement, run side by side: on a multi-core server this beats one
    # combined statement, which PostgreSQL runs on a single core.
    counted = await asyncio.gather(*(store.counts(p.spec) for p in plans))
    return [completion_of(school, p, rows, teams) for p, rows in zip(plans, counted, strict=True)]


async def agreement_completion(
    school: School, slug: str, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> Completion | None:
    plans = await plans_for(school, today, due_soon_days, slug)
    if not plans:
        return None
    teams = await store.teams(school.id) if plans[0].spec.audience == "staff" else {}
    return completion_of(school, plans[0], await store.counts(plans[0].spec), teams)


async def trust_rollup(
    schools: Iterable[School],
    now: datetime | None = None,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> list[SchoolRollup]:
    """Each school's totals per agreement, counted concurrently (no breakdowns)."""
    chosen = list(schools)
    return list(await asyncio.gather(*(_school_rollup(s, now, due_soon_days) for s in chosen)))


async def _school_rollup(school: School, now: datetime | None, due_soon_days: int) -> SchoolRollup:
    plans = await plans_for(school, local_today(school, now), due_soon_days)
    totals = await store.school_totals([p.spec for p in plans])
    return _rollup(
        school,
        [completion_of(school, p, _rank_rows(totals[p.spec.agreement_id]), {}) for p in plans],
    )


def _rollup(school: School, completions: list[Completion]) -> SchoolRollup:
    staff, pupils = Tally(), Tally()
    for c in completions:
        if c.counts_pupils:
            pupils += c.tally
        else:
            staff += c.tally
    return SchoolRollup(school.slug, school.name, staff, pupils, completions)


def _rank_rows(ranks: dict[int, int]) -> list[store.CountRow]:
    return [store.CountRow(rank, n, everyone=True) for rank, n in ranks.items()]
