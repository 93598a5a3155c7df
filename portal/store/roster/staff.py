"""Importing staff and their team memberships."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portal.core import roster as core
from portal.store.models import Person, StaffTeam, TeamMembership
from portal.store.roster.plan import BATCH, Plan, by_external_id, chunks

if TYPE_CHECKING:
    from portal.store.roster.sync import Progress, Sync


async def import_staff(
    sync: Sync, roster: core.StaffRoster, progress: Progress
) -> tuple[dict[str, Plan[Any]], list[Person]]:
    teams = await _Teams.load(sync, roster)
    progress(1, 3)
    wanted = {s.mis_id: _staff_values(s) for s in roster.staff}
    make = sync.person("staff")
    plan = await sync.rows(Person, by_external_id, wanted, make, teams.changed, kind="staff")
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
    async def load(cls, sync: Sync, roster: core.StaffRoster) -> _Teams:
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

    async def save(self, sync: Sync, ids: dict[str, int]) -> None:
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
            await TeamMembership.bulk_create(add, batch_size=BATCH, using_db=sync.conn)
        for chunk in chunks(drop):
            await TeamMembership.filter(id__in=chunk).using_db(sync.conn).delete()


async def _ensure_teams(sync: Sync, names: set[str]) -> dict[str, int]:
    """Team ids by case-folded name, creating the teams the school does not have yet."""
    query = StaffTeam.filter(school=sync.school).using_db(sync.conn)
    known = {name.casefold(): i for i, name in await query.values_list("id", "name")}
    new = {n.casefold(): n for n in sorted(names) if n.casefold() not in known}
    if new:
        rows = [StaffTeam(school=sync.school, name=n) for n in new.values()]
        await StaffTeam.bulk_create(rows, using_db=sync.conn)
        known = {name.casefold(): i for i, name in await query.values_list("id", "name")}
    return known
