"""One import's transaction: reads each table once and writes it in bulk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.core import roster as core
from portal.store.models import Guardianship, Invitation, Person, Pupil, School
from portal.store.roster.plan import BATCH, K, M, Plan, chunks, plan_rows
from portal.store.roster.pupils import import_pupils
from portal.store.roster.report import ImportReport
from portal.store.roster.staff import import_staff

Progress = Callable[[int, int], None]


@dataclass
class Sync:
    """One import's transaction, school, file and clock."""

    conn: BaseDBAsyncClient
    school: School
    roster: core.Roster
    now: datetime

    async def run(self, progress: Progress) -> ImportReport:
        if isinstance(self.roster, core.StaffRoster):
            plans, leavers = await import_staff(self, self.roster, progress)
        else:
            plans, leavers = await import_pupils(self, self.roster, progress)
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
    ) -> Plan[M]:
        existing = await model.filter(school=self.school, **scope).using_db(self.conn)
        provided = self.roster.provided
        plan = plan_rows(existing, key, wanted, make, provided, changed_elsewhere)
        await self.write(model, plan)
        return plan

    async def write(self, model: type[M], plan: Plan[M]) -> None:
        stamp = {"updated_at": self.now} if "updated_at" in model._meta.fields_map else {}
        if plan.create:
            await model.bulk_create(plan.create, batch_size=BATCH, using_db=self.conn)
        for fields, rows in plan.update.items():
            if fields:
                changed = [*fields, *stamp]
                await model.bulk_update(rows, changed, batch_size=BATCH, using_db=self.conn)
        for chunk in chunks([row.pk for row in plan.leave]):
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
        for chunk in chunks([p.id for p in leavers]):
            query = Invitation.filter(person_id__in=chunk, revoked_at=None).using_db(self.conn)
            revoked += await query.update(revoked_at=self.now, revoked_reason="left")
        return revoked
