"""Plain functions that make rows for tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import count

from portal.core.agreements import AgreementVersion
from portal.core.catalog import Catalog, load_catalog
from portal.store.agreements import load_agreements, publish_catalog, publish_version
from portal.store.models import Guardianship, Person, Pupil, School, StaffTeam, TeamMembership
from tests.conftest import AGREEMENTS

_ids = count(1)


async def publish_seeds(*only: str) -> Catalog:
    """Publish the agreements folder's seed schools, or only the ones named."""
    catalog = load_catalog(AGREEMENTS)
    if only:
        catalog = Catalog(
            schools={k: v for k, v in catalog.schools.items() if k in only},
            agreements=tuple(a for a in catalog.agreements if a.school in only),
        )
    await publish_catalog(catalog, by="tests")
    return catalog


async def publish_reworded(
    school: str,
    agreement: str,
    old: str,
    new: str,
    label: str = "2099-01",
    *,
    material: bool = True,
) -> AgreementVersion:
    """Publish a new version, in force today, whose text says `new` wherever the last said `old`."""
    found = next(a for a in await load_agreements(school) if a.slug == agreement)
    last = found.versions[-1]
    assert old in last.text, f"{old!r} is not in {school}/{agreement} {last.label}"
    version = AgreementVersion(
        label=label,
        effective=date.today(),
        text=last.text.replace(old, new),
        clauses=tuple(replace(c, text=c.text.replace(old, new)) for c in last.clauses),
        material=material,
    )
    await publish_version(found, version, by="tests")
    return version


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
