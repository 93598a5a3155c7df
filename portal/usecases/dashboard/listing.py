"""The people behind a completion, a page at a time, filtered by status or group."""

from __future__ import annotations

from datetime import date

from portal.core.completion import Rank
from portal.core.renewals import DEFAULT_DUE_SOON_DAYS, valid_until
from portal.store import completion as store
from portal.store.models import School
from portal.usecases.dashboard.breakdown import completion_of
from portal.usecases.dashboard.plans import Plan, plans_for
from portal.usecases.dashboard.results import NO_TEAM, Adult, People, PeopleFilter, Row


async def people(
    school: School,
    slug: str,
    today: date,
    where: PeopleFilter,
    *,
    page: int = 1,
    per_page: int = 50,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> People | None:
    plans = await plans_for(school, today, due_soon_days, slug)
    if not plans:
        return None
    plan, query = plans[0], filter_of(where)
    teams = await store.teams(school.id) if plan.spec.audience == "staff" else {}
    completion = completion_of(school, plan, await store.counts(plan.spec), teams)
    page = max(1, page)
    found = await store.subjects(plan.spec, query, limit=per_page, offset=(page - 1) * per_page)
    total = await store.count_subjects(plan.spec, query)
    return People(completion, [row_of(plan, r) for r in found], total, page, per_page)


def filter_of(where: PeopleFilter) -> store.Filter:
    rank = Rank.of(where.status) if where.status is not None else None
    kind, _, value = where.group.partition(":")
    if kind == "year":
        return store.Filter(rank=rank, year_group=value)
    if kind == "class":
        year, _, form = value.partition("|")
        return store.Filter(rank=rank, year_group=year, form=form)
    if kind == "team" and value == NO_TEAM:
        return store.Filter(rank=rank, no_team=True)
    if kind == "team" and value.isdigit():
        return store.Filter(rank=rank, team_id=int(value))
    return store.Filter(rank=rank)


def row_of(plan: Plan, subject: store.SubjectRow) -> Row:
    signed_on = subject.latest_at.astimezone(plan.zone).date() if subject.latest_at else None
    labels = ""
    if subject.latest_group is not None:
        ids = set(plan.spec.groups[subject.latest_group])
        labels = ", ".join(v.label for v in plan.row.versions if v.id in ids)
    agreement = plan.agreement
    until = valid_until(agreement.renewal, agreement.anchor, signed_on) if signed_on else None
    if plan.spec.audience == "staff":
        groups = ", ".join(subject.teams)
    else:
        groups = " ".join(part for part in (subject.year_group, subject.form) if part)
    return Row(
        id=subject.id,
        full_name=subject.full_name,
        status=Rank(subject.rank).status,
        email=subject.email,
        groups=groups,
        signed_version=labels,
        signed_on=signed_on,
        valid_until=until,
        adults=tuple(Adult(*a) for a in subject.adults),
    )
