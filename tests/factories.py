"""Plain functions that make rows for tests."""

from __future__ import annotations

from itertools import count

from portal.core.catalog import Catalog, load_catalog
from portal.store.agreements import publish_catalog
from portal.store.models import Guardianship, Person, Pupil, School, StaffTeam, TeamMembership
from tests.conftest import AGREEMENTS

_ids = count(1)


async def publish_seeds() -> Catalog:
    catalog = load_catalog(AGREEMENTS)
    await publish_catalog(catalog, by="tests")
    return catalog


async def make_school(slug: str = "clearwell", name: str = "") -> School:
    school, _ = await School.get_or_create(slug=slug, defaults={"name": name or slug.title()})
    return school


async def make_staff(
    school: School, name: str = "", email: str | None = "", team: str = ""
) -> Person:
    n = next(_ids)
    person = await Person.create(
        school=school,
        kind="staff",
        external_id=f"S{n}",
        full_name=name or f"Staff Member {n}",
        email=f"staff{n}@{school.slug}.example" if email == "" else email,
    )
    if team:
        group, _ = await StaffTeam.get_or_create(school=school, name=team)
        await TeamMembership.create(school=school, team=group, person=person)
    return person


async def make_pupil(
    school: School, name: str = "", year_group: str = "Year 4", form: str = "4B"
) -> Pupil:
    n = next(_ids)
    return await Pupil.create(
        school=school,
        external_id=f"P{n}",
        full_name=name or f"Pupil {n}",
        year_group=year_group,
        form=form,
    )


async def make_parent(
    school: School,
    *pupils: Pupil,
    name: str = "",
    email: str | None = "",
    parental_responsibility: bool = True,
) -> Person:
    n = next(_ids)
    parent = await Person.create(
        school=school,
        kind="parent",
        external_id=f"C{n}",
        full_name=name or f"Parent {n}",
        email=f"parent{n}@home.example" if email == "" else email,
    )
    for pupil in pupils:
        await Guardianship.create(
            school=school,
            parent=parent,
            pupil=pupil,
            relationship="Parent",
            parental_responsibility=parental_responsibility,
        )
    return parent
