"""Shared set-up for the sign page tests: a family with a live invitation, and a client."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from portal.settings import Settings
from portal.store import invitations as store
from portal.store.models import Agreement, AgreementVersion, Invitation, Person, Pupil, School
from portal.usecases.invitations import link_token
from portal.web.app import create_app
from tests.factories import make_parent, make_pupil, make_school, make_staff, publish_seeds

PLEDGE = "parents-social-media-pledge"


@dataclass
class Family:
    school: School
    parent: Person
    pupils: list[Pupil]
    invitation: Invitation
    version: AgreementVersion
    token: str

    @property
    def url(self) -> str:
        return f"/sign/{self.token}"


async def family(
    settings: Settings,
    *,
    children: tuple[tuple[str, str], ...] = (("Amy Smith", "Year 4"),),
    parent: str = "Jane Smith",
    email: str | None = "jane@home.example",
    expires_in: timedelta = timedelta(days=30),
    school_slug: str = "clearwell",
) -> Family:
    await publish_seeds()
    school = await make_school(school_slug)
    pupils = [await make_pupil(school, name, year) for name, year in children]
    adult = await make_parent(school, *pupils, name=parent, email=email)
    agreement = await Agreement.get(school=school, slug=PLEDGE)
    version = await AgreementVersion.filter(agreement=agreement).order_by("-effective").first()
    assert version is not None
    invitation = await store.create(
        school,
        person_id=adult.id,
        agreement_id=agreement.id,
        version_id=version.id,
        pupil_ids=sorted(p.id for p in pupils),
        expires_at=datetime.now(UTC) + expires_in,
        actor="tests",
    )
    return Family(school, adult, pupils, invitation, version, link_token(settings, invitation.id))


async def staff_invitation(school_slug: str, name: str, email: str | None = "") -> Invitation:
    """A live invitation to sign the school's staff policy, for a new member of staff."""
    await publish_seeds()
    school = await make_school(school_slug)
    person = await make_staff(school, name, email=email)
    agreement = await Agreement.get(school=school, slug="staff-social-media")
    version = await AgreementVersion.filter(agreement=agreement).order_by("-effective").first()
    assert version is not None
    return await store.create(
        school,
        person_id=person.id,
        agreement_id=agreement.id,
        version_id=version.id,
        pupil_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        actor="tests",
    )


@asynccontextmanager
async def sign_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 51000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers={"User-Agent": "TestPhone/1.0"}
    ) as client:
        yield client


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def sign_form(html: str, name: str = "Jane Smith", agree: bool = True) -> dict[str, str]:
    data = {"csrf": hidden(html, "csrf"), "sha256": hidden(html, "sha256"), "name": name}
    if agree:
        data["agree"] = "yes"
    return data
