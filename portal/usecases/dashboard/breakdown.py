"""Count rows from the store folded into a Completion: totals and groups."""

from __future__ import annotations

from collections.abc import Iterable

from portal.core import agreements as core
from portal.core.completion import Rank
from portal.core.renewals import Status
from portal.store import completion as store
from portal.store.models import School
from portal.usecases.dashboard.plans import Plan
from portal.usecases.dashboard.results import NO_TEAM, Completion, Group, Tally
from portal.wording import natural_key


def completion_of(
    school: School, plan: Plan, rows: list[store.CountRow], teams: dict[int, str]
) -> Completion:
    agreement = plan.agreement
    version = agreement.in_force(plan.today)
    if agreement.audience is core.Audience.STAFF:
        tally = _tally(r for r in rows if r.everyone)
        breakdowns = {"team": _teams(rows, teams)}
    else:
        tally = _tally(rows)
        breakdowns = {"year": _years(rows), "class": _classes(rows)}
    return Completion(
        school=school.slug,
        slug=agreement.slug,
        title=agreement.title,
        audience=agreement.audience,
        signers=agreement.signers,
        in_force=version.label if version is not None else "",
        tally=tally,
        breakdowns=breakdowns,
    )


def _tally(rows: Iterable[store.CountRow]) -> Tally:
    counts: dict[Status, int] = {}
    for row in rows:
        status = Rank(row.rank).status
        counts[status] = counts.get(status, 0) + row.count
    return Tally(counts)


def _years(rows: list[store.CountRow]) -> list[Group]:
    grouped: dict[str, list[store.CountRow]] = {}
    for row in rows:
        grouped.setdefault(row.year_group, []).append(row)
    return [
        Group("year", f"year:{year}", year or "No year group", _tally(grouped[year]))
        for year in sorted(grouped, key=natural_key)
    ]


def _classes(rows: list[store.CountRow]) -> list[Group]:
    grouped: dict[str, list[store.CountRow]] = {}
    for row in rows:
        grouped.setdefault(f"{row.year_group}|{row.form}", []).append(row)
    groups = []
    for key in sorted(grouped, key=natural_key):
        year, form = key.split("|", 1)
        label = f"{form or 'No class'} ({year})" if year else form or "No class"
        groups.append(Group("class", f"class:{key}", label, _tally(grouped[key])))
    return groups


def _teams(rows: list[store.CountRow], names: dict[int, str]) -> list[Group]:
    grouped: dict[int | None, list[store.CountRow]] = {}
    for row in rows:
        if not row.everyone:
            grouped.setdefault(row.team_id, []).append(row)
    groups = [
        Group("team", f"team:{team_id}", names.get(team_id, f"Team {team_id}"), _tally(found))
        for team_id, found in grouped.items()
        if team_id is not None
    ]
    groups.sort(key=lambda g: natural_key(g.label))
    if None in grouped:
        groups.append(Group("team", f"team:{NO_TEAM}", "In no team", _tally(grouped[None])))
    return groups
