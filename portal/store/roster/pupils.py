"""Importing pupils, their contacts, and who is responsible for whom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.core import roster as core
from portal.store.models import Guardianship, Person, Pupil
from portal.store.roster.plan import Plan, by_external_id

if TYPE_CHECKING:
    from portal.store.roster.sync import Progress, Sync


async def import_pupils(
    sync: Sync, roster: core.PupilRoster, progress: Progress
) -> tuple[dict[str, Plan[Any]], list[Person]]:
    wanted = {p.mis_id: _pupil_values(p) for p in roster.pupils}
    pupils = await sync.rows(Pupil, by_external_id, wanted, sync.pupil)
    progress(1, 3)
    contacts = {c.mis_id: _contact_values(c) for c in roster.contacts}
    parents = await sync.rows(
        Person, by_external_id, contacts, sync.person("parent"), kind="parent"
    )
    progress(2, 3)
    parent_ids, pupil_ids = await sync.ids(Person, kind="parent"), await sync.ids(Pupil)
    links = {
        (parent_ids[g.contact_id], pupil_ids[g.pupil_id]): _link_values(g)
        for g in roster.guardianships
    }
    guardianships = await sync.rows(Guardianship, _link_key, links, sync.guardianship)
    progress(3, 3)
    plans: dict[str, Plan[Any]] = {
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
