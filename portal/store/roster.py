"""Applying a parsed roster to one school: update in place by MIS id, mark leavers, never delete.

Every import is one transaction with one audit entry. Each table is read once per import and
written in bulk, so a 10,000-row file costs a few dozen queries, not several per row. A file that
would mark too many people as left is taken for a partial export and refused (see core.Leavers).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, Generic, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from portal.core import roster as core
from portal.store import audit
from portal.store.models import (
    Guardianship,
    Invitation,
    Person,
    Pupil,
    School,
    StaffTeam,
    TeamMembership,
)

_BATCH = 500
# Stored fields whose column a file may leave out; without the column they are left alone.
_OPTIONAL = {
    "email",
    "phone",
    "role",
    "form",
    "relationship",
    "parental_responsibility",
    "priority",
}
_external_id = attrgetter("external_id")
# The tables of people, checked against partial exports; guardianships follow their people.
_PEOPLE = ("staff", "pupils", "parents")

M = TypeVar("M", bound=Model)
K = TypeVar("K", bound=Hashable)
Progress = Callable[[int, int], None]


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0


@dataclass
class ImportReport:
    kind: core.RosterKind
    tallies: dict[str, Tally]
    current: dict[str, int]
    """How many of each table were on the roll before the import (earlier leavers not counted)."""
    invitations_revoked: int = 0
    saved: bool = True

    @property
    def changed(self) -> bool:
        return any(t.added or t.updated or t.left for t in self.tallies.values())

    @property
    def leavers(self) -> list[core.Leavers]:
        return [
            core.Leavers(noun, tally.left, self.current[noun])
            for noun, tally in self.tallies.items()
            if noun in _PEOPLE
        ]

    @property
    def too_many_leavers(self) -> str | None:
        return core.leavers_refusal(self.leavers)

    def as_data(self) -> dict[str, Any]:
        tallies = {noun: asdict(tally) for noun, tally in self.tallies.items()}
        return {"kind": self.kind.value, **tallies, "invitations_revoked": self.invitations_revoked}


class UnknownSchool(LookupError):
    """No school has that slug; schools come from agreements/<slug>/school.yaml."""

    def __init__(self, slug: str, known: list[str]) -> None:
        super().__init__(
            f'no school "{slug}" (schools: {", ".join(known) or "none yet"}); a school is added '
            f"by giving it agreements/{slug}/school.yaml"
        )


class TooManyLeavers(Exception):
    """The file would mark so many people as left that it looks like a partial export."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.too_many_leavers)


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run, or an import that changed nothing."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report


async def import_roster(
    school_slug: str,
    roster: core.Roster,
    *,
    actor: str,
    source: Mapping[str, str] | None = None,
    dry_run: bool = False,
    allow_leavers: bool = False,
    audit_unchanged: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Bring one school's staff, or its pupils and their contacts, in line with the file.

    `dry_run` reports what would change and saves nothing. A file that would mark too many people
    as left raises TooManyLeavers and saves nothing, unless `allow_leavers`. With
    `audit_unchanged` false, an import that changes nothing leaves no audit entry either (the
    demo runs on every start).
    """
    school = await School.get_or_none(slug=school_slug)
    if school is None:
        raise UnknownSchool(school_slug, sorted(row.slug for row in await School.all()))
    try:
        async with in_transaction() as conn:
            sync = _Sync(conn, school, roster, datetime.now(UTC))
            report = await sync.run(progress or _quiet)
            if dry_run or not (report.changed or audit_unchanged):
                raise _Rollback(report)
            if report.too_many_leavers and not allow_leavers:
                report.saved = False
                raise TooManyLeavers(report)  # leaving the transaction undoes everything
            await _record(sync, report, actor, source or {})
    except _Rollback as rollback:
        rollback.report.saved = False
        return rollback.report
    return report


async def _record(sync: _Sync, report: ImportReport, actor: str, source: Mapping[str, str]) -> None:
    data = {**report.as_data(), **source, "no_email": len(sync.roster.without_email)}
    if report.too_many_leavers:
        data["leavers_allowed"] = True  # the office overrode the partial-export guard
    await audit.record(
        "roster.imported",
        actor=actor,
        subject=f"{sync.roster.kind} roster",
        school=sync.school,
        data=data,
        connection=sync.conn,
    )


def _quiet(done: int, total: int) -> None:
    pass


@dataclass
class _Plan(Generic[M]):
    create: list[M] = field(default_factory=list)
    # Changed rows grouped by the fields that changed, so each UPDATE sets only those.
    update: dict[tuple[str, ...], list[M]] = field(default_factory=dict)
    leave: list[M] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    current: int = 0  # rows on the roll before the import


def _plan(
    existing: Iterable[M],
    key: Callable[[M], K],
    wanted: Mapping[K, dict[str, Any]],
    make: Callable[[K, dict[str, Any]], M],
    provided: frozenset[str],
    changed_elsewhere: frozenset[K],
) -> _Plan[M]:
    """What to add, change, and mark as left: rows the file no longer mentions are leavers."""
    by_key = {key(row): row for row in existing}
    plan: _Plan[M] = _Plan(current=_on_roll(by_key.values()))
    for k, values in wanted.items():
        row = by_key.get(k)
        if row is None:
            plan.create.append(make(k, values))
            plan.tally.added += 1
            continue
        given = {f: v for f, v in values.items() if f not in _OPTIONAL or f in provided}
        changes = {f: v for f, v in given.items() if getattr(row, f) != v}
        if _left_at(row) is not None:
            changes["left_at"] = None  # back again
        row.update_from_dict(changes)
        if changes or k in changed_elsewhere:
            plan.update.setdefault(tuple(sorted(changes)), []).append(row)
            plan.tally.updated += 1
        else:
            plan.tally.unchanged += 1
    plan.leave = [row for k, row in by_key.items() if k not in wanted and _left_at(row) is None]
    plan.tally.left = len(plan.leave)
    return plan


def _on_roll(rows: Iterable[Model]) -> int:
    return sum(1 for row in rows if _left_at(row) is None)


def _left_at(row: Model) -> datetime | None:
    left_at: datetime | None = getattr(row, "left_at", None)  # every roster table has one
    return left_at


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    return (ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH))


@dataclass
class _Sync:
    """One import's transaction, school, file and clock."""

    conn: BaseDBAsyncClient
    school: School
    roster: core.Roster
    now: datetime

    async def run(self, progress: Progress) -> ImportReport:
        if isinstance(self.roster, core.StaffRoster):
            plans, leavers = await _import_staff(self, self.roster, progress)
        else:
            plans, leavers = await _import_pupils(self, self.roster, progress)
        return ImportReport(
            self.roster.kind,
            tallies={noun: plan.tally for noun, plan in plans.items()},
            current={noun: plan.current for noun, plan in plans.items()},
            invitations_revoked=await self.revoke_invitations(leavers),
        )

    async def rows(
        self,
        model: type[M],
        key: Callable[[M], K],
        wanted: Mapping[K, dict[str, Any]],
        make: Callable[[K, dict[str, Any]], M],
        changed_elsewhere: frozenset[K] = frozenset(),
        **scope: str,
    ) -> _Plan[M]:
        existing = await model.filter(school=self.school, **scope).using_db(self.conn)
        provided = self.roster.provided
        plan = _plan(existing, key, wanted, make, provided, changed_elsewhere)
        await self.write(model, plan)
        return plan

    async def write(self, model: type[M], plan: _Plan[M]) -> None:
        stamp = {"updated_at": self.now} if "updated_at" in model._meta.fields_map else {}
        if plan.create:
            await model.bulk_create(plan.create, batch_size=_BATCH, using_db=self.conn)
        for fields, rows in plan.update.items():
            if fields:
                changed = [*fields, *stamp]
                await model.bulk_update(rows, changed, batch_size=_BATCH, using_db=self.conn)
        for chunk in _chunks([row.pk for row in plan.leave]):
            query = model.filter(id__in=chunk).using_db(self.conn)
            await query.update(left_at=self.now, **stamp)

    async def ids(self, model: type[Person | Pupil], **scope: str) -> dict[str, int]:
        query = model.filter(school=self.school, **scope).using_db(self.conn)
        return dict(await query.values_list("external_id", "id"))

    def person(self, kind: str) -> Callable[[str, dict[str, Any]], Person]:
        school = self.school
        return lambda mis_id, values: Person(school=school, kind=kind, external_id=mis_id, **values)

    def pupil(self, mis_id: str, values: dict[str, Any]) -> Pupil:
        return Pupil(school=self.school, external_id=mis_id, **values)

    def guardianship(self, key: tuple[int, int], values: dict[str, Any]) -> Guardianship:
        return Guardianship(school=self.school, parent_id=key[0], pupil_id=key[1], **values)

    async def revoke_invitations(self, leavers: list[Person]) -> int:
        revoked = 0
        for chunk in _chunks([p.id for p in leavers]):
            query = Invitation.filter(person_id__in=chunk, revoked_at=None).using_db(self.conn)
            revoked += await query.update(revoked_at=self.now, revoked_reason="left")
        return revoked


async def _import_staff(
    sync: _Sync, roster: core.StaffRoster, progress: Progress
) -> tuple[dict[str, _Plan[Any]], list[Person]]:
    teams = await _Teams.load(sync, roster)
    progress(1, 3)
    wanted = {s.mis_id: _staff_values(s) for s in roster.staff}
    make = sync.person("staff")
    plan = await sync.rows(Person, _external_id, wanted, make, teams.changed, kind="staff")
    progress(2, 3)
    if "teams" in roster.provided:
        await teams.save(sync, await sync.ids(Person, kind="staff"))
    progress(3, 3)
    return {"staff": plan}, plan.leave


def _staff_values(s: core.StaffMember) -> dict[str, Any]:
    return {"full_name": s.full_name, "email": s.email, "phone": s.phone or None, "role": s.role}


@dataclass
class _Teams:
    """Team membership by MIS id; memberships keep no history, so a change removes the row."""

    roster: core.StaffRoster
    team_ids: dict[str, int]
    current: dict[int, dict[int, int]]  # person id -> team id -> membership id
    changed: frozenset[str] = frozenset()

    @classmethod
    async def load(cls, sync: _Sync, roster: core.StaffRoster) -> _Teams:
        if "teams" not in roster.provided:
            return cls(roster, {}, {})
        names = {t for s in roster.staff for t in s.teams}
        teams = cls(roster, await _ensure_teams(sync, names), {})
        query = TeamMembership.filter(school=sync.school).using_db(sync.conn)
        for row_id, person_id, team_id in await query.values_list("id", "person_id", "team_id"):
            teams.current.setdefault(person_id, {})[team_id] = row_id
        ids = await sync.ids(Person, kind="staff")
        teams.changed = frozenset(
            s.mis_id for s in roster.staff if s.mis_id in ids and teams.differs(s, ids[s.mis_id])
        )
        return teams

    def wanted(self, member: core.StaffMember) -> set[int]:
        return {self.team_ids[t.casefold()] for t in member.teams}

    def differs(self, member: core.StaffMember, person_id: int) -> bool:
        return self.wanted(member) != set(self.current.get(person_id, {}))

    async def save(self, sync: _Sync, ids: dict[str, int]) -> None:
        add: list[TeamMembership] = []
        drop: list[int] = []
        for member in self.roster.staff:
            person_id, wanted = ids[member.mis_id], self.wanted(member)
            have = self.current.get(person_id, {})
            add += [
                TeamMembership(school=sync.school, team_id=t, person_id=person_id)
                for t in wanted - have.keys()
            ]
            drop += [row_id for t, row_id in have.items() if t not in wanted]
        if add:
            await TeamMembership.bulk_create(add, batch_size=_BATCH, using_db=sync.conn)
        for chunk in _chunks(drop):
            await TeamMembership.filter(id__in=chunk).using_db(sync.conn).delete()


async def _ensure_teams(sync: _Sync, names: set[str]) -> dict[str, int]:
    """Team ids by case-folded name, creating the teams the school does not have yet."""
    query = StaffTeam.filter(school=sync.school).using_db(sync.conn)
    known = {name.casefold(): i for i, name in await query.values_list("id", "name")}
    new = {n.casefold(): n for n in sorted(names) if n.casefold() not in known}
    if new:
        rows = [StaffTeam(school=sync.school, name=n) for n in new.values()]
        await StaffTeam.bulk_create(rows, using_db=sync.conn)
        known = {name.casefold(): i for i, name in await query.values_list("id", "name")}
    return known


async def _import_pupils(
    sync: _Sync, roster: core.PupilRoster, progress: Progress
) -> tuple[dict[str, _Plan[Any]], list[Person]]:
    wanted = {p.mis_id: _pupil_values(p) for p in roster.pupils}
    pupils = await sync.rows(Pupil, _external_id, wanted, sync.pupil)
    progress(1, 3)
    contacts = {c.mis_id: _contact_values(c) for c in roster.contacts}
    parents = await sync.rows(Person, _external_id, contacts, sync.person("parent"), kind="parent")
    progress(2, 3)
    parent_ids, pupil_ids = await sync.ids(Person, kind="parent"), await sync.ids(Pupil)
    links = {
        (parent_ids[g.contact_id], pupil_ids[g.pupil_id]): _link_values(g)
        for g in roster.guardianships
    }
    guardianships = await sync.rows(Guardianship, _link_key, links, sync.guardianship)
    progress(3, 3)
    plans: dict[str, _Plan[Any]] = {
        "pupils": pupils,
        "parents": parents,
        "guardianships": guardianships,
    }
    return plans, parents.leave


def _pupil_values(p: core.Pupil) -> dict[str, Any]:
    return {"full_name": p.full_name, "year_group": p.year_group, "form": p.form}


def _contact_values(c: core.Contact) -> dict[str, Any]:
    return {"full_name": c.full_name, "email": c.email, "phone": c.phone or None}


def _link_values(g: core.Guardianship) -> dict[str, Any]:
    return {
        "relationship": g.relationship,
        "parental_responsibility": g.parental_responsibility,
        "priority": g.priority,
    }


def _link_key(row: Guardianship) -> tuple[int, int]:
    return row.parent_id, row.pupil_id  # type: ignore[attr-defined]
