"""Completion for the office: who has signed each agreement, by group, down to the person.

Counts come from `store.completion` (one aggregate query per agreement); the date rules come from
`core.completion.boundaries`, which derives them from `core.renewals`.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from portal.core import agreements as core
from portal.core.completion import STATUS_ORDER, Rank, boundaries
from portal.core.renewals import DEFAULT_DUE_SOON_DAYS, Status, valid_until
from portal.store import completion as store
from portal.store.agreements import agreement_of
from portal.store.models import School

STATUS_LABELS = {
    Status.CURRENT: "Signed",
    Status.DUE_SOON: "Due soon",
    Status.OVERDUE: "Overdue",
    Status.NEVER_SIGNED: "Never signed",
    Status.SUPERSEDED: "Signed an old version",
}
NO_TEAM = "none"
_EXPORT_BATCH = 1000
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Tally:
    counts: dict[Status, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, status: Status) -> int:
        return self.counts.get(status, 0)

    @property
    def covered(self) -> int:
        """Signed and still counting, including those due to renew soon."""
        return self[Status.CURRENT] + self[Status.DUE_SOON]

    def percent(self, status: Status | None = None) -> int:
        part = self.covered if status is None else self[status]
        return round(100 * part / self.total) if self.total else 0

    def ordered(self) -> list[tuple[Status, int]]:
        return [(s, self[s]) for s in STATUS_ORDER]

    def __add__(self, other: Tally) -> Tally:
        return Tally({s: self[s] + other[s] for s in Status})


@dataclass(frozen=True, slots=True)
class Group:
    """One row of a breakdown; `key` is what the people filter takes to show just this group."""

    kind: str  # year | class | team
    key: str
    label: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class Completion:
    school: str
    slug: str
    title: str
    audience: core.Audience
    signers: core.SignerRule
    in_force: str
    tally: Tally
    breakdowns: dict[str, list[Group]] = field(default_factory=dict)

    @property
    def counts_pupils(self) -> bool:
        return self.audience is core.Audience.PARENT


@dataclass(frozen=True, slots=True)
class PeopleFilter:
    status: Status | None = None
    group: str = ""
    """A Group key: "year:<year group>", "class:<year group>|<form>", "team:<id>" or "team:none"."""


@dataclass(frozen=True, slots=True)
class Adult:
    id: int
    full_name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    full_name: str
    status: Status
    email: str | None
    groups: str
    """Teams, or year group and class."""
    signed_version: str
    signed_on: date | None
    valid_until: date | None
    adults: tuple[Adult, ...] = ()


@dataclass(frozen=True, slots=True)
class People:
    completion: Completion
    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class SchoolRollup:
    slug: str
    name: str
    staff: Tally
    pupils: Tally
    agreements: list[Completion]


@dataclass(frozen=True, slots=True)
class _Plan:
    row: store.AgreementRow
    agreement: core.Agreement
    spec: store.Spec
    zone: ZoneInfo
    today: date


def local_today(school: School, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(school.timezone)).date()


async def school_completion(
    school: School, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> list[Completion]:
    plans, teams = await asyncio.gather(
        _plans(school, today, due_soon_days), store.teams(school.id)
    )
    # One statement per agreement, run side by side: on a multi-core server this beats one
    # combined statement, which PostgreSQL runs on a single core.
    counted = await asyncio.gather(*(store.counts(p.spec) for p in plans))
    return [_completion(school, p, rows, teams) for p, rows in zip(plans, counted, strict=True)]


async def agreement_completion(
    school: School, slug: str, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> Completion | None:
    plans = await _plans(school, today, due_soon_days, slug)
    if not plans:
        return None
    teams = await store.teams(school.id) if plans[0].spec.audience == "staff" else {}
    return _completion(school, plans[0], await store.counts(plans[0].spec), teams)


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
    plans = await _plans(school, today, due_soon_days, slug)
    if not plans:
        return None
    plan, query = plans[0], _filter(where)
    teams = await store.teams(school.id) if plan.spec.audience == "staff" else {}
    completion = _completion(school, plan, await store.counts(plan.spec), teams)
    page = max(1, page)
    found = await store.subjects(plan.spec, query, limit=per_page, offset=(page - 1) * per_page)
    total = await store.count_subjects(plan.spec, query)
    return People(completion, [_row(plan, r) for r in found], total, page, per_page)


async def export_csv(
    school: School,
    slug: str,
    today: date,
    where: PeopleFilter,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> AsyncIterator[str] | None:
    """The filtered people as CSV text, a batch at a time; None for an unknown agreement."""
    plans = await _plans(school, today, due_soon_days, slug)
    if not plans:
        return None
    return _csv_batches(plans[0], _filter(where))


async def trust_rollup(
    schools: Iterable[School],
    now: datetime | None = None,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> list[SchoolRollup]:
    """Each school's totals per agreement, counted concurrently (no breakdowns)."""
    chosen = list(schools)
    return list(await asyncio.gather(*(_school_rollup(s, now, due_soon_days) for s in chosen)))


async def _school_rollup(school: School, now: datetime | None, due_soon_days: int) -> SchoolRollup:
    plans = await _plans(school, local_today(school, now), due_soon_days)
    totals = await store.school_totals([p.spec for p in plans])
    return _rollup(
        school, [_completion(school, p, _rank_rows(totals[p.spec.agreement_id]), {}) for p in plans]
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


async def _plans(
    school: School, today: date, due_soon_days: int, slug: str | None = None
) -> list[_Plan]:
    zone = ZoneInfo(school.timezone)
    rows = await store.agreements([school.id], slug)
    return [_plan(school, row, today, due_soon_days, zone) for row in rows]


def _plan(
    school: School, row: store.AgreementRow, today: date, due_soon_days: int, zone: ZoneInfo
) -> _Plan:
    agreement = agreement_of(
        school.slug,
        row,
        (
            core.AgreementVersion(
                label=v.label,
                effective=v.effective,
                text="",
                clauses=(),
                material=v.material,
                sha256=v.sha256,
            )
            for v in row.versions
        ),
    )
    edges = boundaries(agreement, today, due_soon_days)
    effective_days = sorted({v.effective for v in row.versions}, reverse=True)
    groups = tuple(tuple(v.id for v in row.versions if v.effective == d) for d in effective_days)
    material = edges.material_effective
    spec = store.Spec(
        school_id=school.id,
        agreement_id=row.id,
        audience=row.audience,
        every=agreement.signers is core.SignerRule.EVERY,
        groups=groups,
        current_groups=sum(1 for d in effective_days if material is None or d >= material),
        overdue_at=_midnight(edges.overdue_before, zone),
        due_soon_at=_midnight(edges.due_soon_before, zone),
    )
    return _Plan(row, agreement, spec, zone, today)


def _midnight(day: date | None, zone: ZoneInfo) -> datetime | None:
    """The instant a school day begins: signatures count by the school's calendar day."""
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _completion(
    school: School, plan: _Plan, rows: list[store.CountRow], teams: dict[int, str]
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
        for year in sorted(grouped, key=_natural)
    ]


def _classes(rows: list[store.CountRow]) -> list[Group]:
    grouped: dict[str, list[store.CountRow]] = {}
    for row in rows:
        grouped.setdefault(f"{row.year_group}|{row.form}", []).append(row)
    groups = []
    for key in sorted(grouped, key=_natural):
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
    groups.sort(key=lambda g: _natural(g.label))
    if None in grouped:
        groups.append(Group("team", f"team:{NO_TEAM}", "In no team", _tally(grouped[None])))
    return groups


def _natural(text: str) -> tuple[object, ...]:
    """ "Year 10" after "Year 9"."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text))


def _filter(where: PeopleFilter) -> store.Filter:
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


def _row(plan: _Plan, subject: store.SubjectRow) -> Row:
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


def safe_cell(value: object) -> str:
    """A spreadsheet must not run a cell as a formula: such text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_header(plan: _Plan) -> list[str]:
    common = ["Status", "Version signed", "Signed on", "Valid until"]
    if plan.spec.audience == "staff":
        return ["Name", "Email", "Teams", *common]
    return ["Pupil", "Year group and class", *common, "Adults with parental responsibility"]


def _csv_cells(plan: _Plan, row: Row) -> list[object]:
    common = [STATUS_LABELS[row.status], row.signed_version, row.signed_on, row.valid_until]
    if plan.spec.audience == "staff":
        return [row.full_name, row.email, row.groups, *common]
    adults = "; ".join(f"{a.full_name} <{a.email}>" if a.email else a.full_name for a in row.adults)
    return [row.full_name, row.groups, *common, adults]


def _csv_text(rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in rows:
        writer.writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()


async def _csv_batches(plan: _Plan, where: store.Filter) -> AsyncIterator[str]:
    yield _csv_text([_csv_header(plan)])
    after: tuple[str, int] | None = None
    while True:
        batch = await store.subjects(plan.spec, where, limit=_EXPORT_BATCH, after=after)
        if not batch:
            return
        yield _csv_text(_csv_cells(plan, _row(plan, s)) for s in batch)
        if len(batch) < _EXPORT_BATCH:
            return
        after = (batch[-1].full_name, batch[-1].id)
