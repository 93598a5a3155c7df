"""One school's office never sees or changes another school's data: not by URL, API or export.

The routes are enumerated from the app itself, so a route added later is covered without
touching this file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from starlette.routing import Route

from portal.store import invitations
from portal.store.audit import verify
from portal.store.models import AgreementVersion, AuditEvent, SignResponse
from portal.usecases import publishing
from portal.usecases.publishing import Edit
from tests.factories import make_school, make_staff, publish_seeds
from tests.web.office_support import (
    app_of,
    client_for,
    csrf,
    enrol_totp,
    make_office_user,
    sign_in,
)

OTHER = "stockham"
MARKER = "Stockham-only wording 7f3a"
_PARAM = re.compile(r"{([a-z_]+)(?::[a-z]+)?}")


@pytest.fixture
async def two_schools(db):
    await publish_seeds()
    clearwell = await make_school("clearwell")
    stockham = await make_school(OTHER)
    secret = await publishing.agreement(stockham, "staff-social-media")
    assert secret is not None
    text = secret.versions[-1].text + f"\n## 99 Local\n\n### 99.1\n{MARKER}.\n"
    edit = Edit(text=text, label="2099-01", effective="2099-01-01", material=True, changes=MARKER)
    await publishing.publish_edit(stockham, "staff-social-media", edit, by="head@stockham.example")
    person = await make_staff(stockham, name="Stockham Staffer Quill", team="Science")
    version = await AgreementVersion.get(agreement__school=stockham, label="2099-01")
    invitation = await invitations.create(
        stockham,
        person_id=person.id,
        agreement_id=version.agreement_id,  # type: ignore[attr-defined]
        version_id=version.id,
        pupil_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        actor="tests",
    )
    reply = await SignResponse.create(
        school=stockham, invitation=invitation, kind="question", message=MARKER
    )
    return clearwell, stockham, person, reply


def _office_routes(app) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith(("/office/", "/api/")):
            found.extend((route.path, m) for m in sorted(route.methods or ()) if m != "HEAD")
    return found


# Path parameters whose values below belong to the other school only. Add a kind of object here
# (with one of the other school's ids in `_objects`) when a route takes a new one.
_FOREIGN = {"label", "person", "reply"}


def _objects(person, reply) -> dict[str, str]:
    return {
        "agreement": "staff-social-media",
        "label": "2099-01",
        "person": str(person.id),
        "reply": str(reply.id),
    }


def _fill(path: str, values: dict[str, str]) -> str:
    return _PARAM.sub(lambda m: values.get(m.group(1), "x"), path)


def _foreign(path: str, school: str) -> bool:
    """Whether the URL names something of the other school, so it must answer 403 or 404."""
    params = set(_PARAM.findall(path))
    return ("school" in params and school == OTHER) or bool(params & _FOREIGN)


def _leaks(body: str) -> list[str]:
    markers = (MARKER, "2099-01", "head@stockham.example", "Stockham", "Staffer Quill")
    return [m for m in markers if m in body]


async def test_the_route_list_covers_the_office_and_its_api(two_schools, settings):
    async with client_for(settings) as client:
        routes = _office_routes(app_of(client))
    paths = {p for p, _ in routes}
    assert "/office/{school}/agreements/{agreement}/edit" in paths
    assert "/api/office/{school}/agreements" in paths
    assert len(routes) >= 15


async def test_office_user_of_one_school_gets_nothing_of_another(two_schools, settings):
    """Every route, twice: with the other school in the URL, and with our own school but the
    other school's objects (a version label, a person) in it."""
    objects = _objects(two_schools[2], two_schools[3])
    user = await make_office_user()
    before_versions = await AgreementVersion.filter(school__slug=OTHER).count()
    before_audit = await AuditEvent.filter(chain=OTHER).count()
    async with client_for(settings) as client:
        await sign_in(client, user)
        token = csrf((await client.get("/office/clearwell/")).text)
        checked = []
        routes = [r for r in _office_routes(app_of(client)) if r[0] != "/office/logout"]
        for school in (OTHER, "clearwell"):  # (logging out would end the loop's session)
            for path, method in routes:
                url = _fill(path, {"school": school, **objects})
                if method == "GET":
                    response = await client.get(url)
                else:
                    response = await client.post(url, data=_form(token), files=_file())
                assert not _leaks(response.text), (method, url, _leaks(response.text))
                if _foreign(path, school):
                    assert response.status_code in (403, 404), (method, url, response.status_code)
                checked.append(url)
        # Still signed in (nothing above logged us out), and our own school still works.
        assert (await client.get("/office/clearwell/agreements")).status_code == 200
    assert len(checked) >= 15
    assert await AgreementVersion.filter(school__slug=OTHER).count() == before_versions
    assert await AuditEvent.filter(chain=OTHER).count() == before_audit
    assert (await SignResponse.get(id=two_schools[3].id)).resolved_at is None
    assert (await verify(OTHER))[1] is None


def _form(token: str) -> dict[str, str]:
    return {
        "csrf": token,
        "label": "2100-01",
        "effective": "2100-01-01",
        "material": "material",
        "changes": "x",
        "text": "## 1 A\n\n### 1.1\nTaken over.\n",
        "slug": "taken-over",
    }


def _file() -> dict[str, tuple[str, bytes, str]]:
    text = (
        "---\ntitle: Taken over\naudience: staff\nversion: '2100-01'\neffective: 2100-01-01\n"
        "renewal: annual\n---\n## 1 A\n\n### 1.1\nTaken over.\n"
    )
    return {"file": ("2100-01.md", text.encode(), "text/markdown")}


async def test_another_school_looks_exactly_like_no_school(two_schools, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        other = await client.get(f"/office/{OTHER}/agreements")
        missing = await client.get("/office/no-such-school/agreements")
        api_other = await client.get(f"/api/office/{OTHER}/agreements")
        api_missing = await client.get("/api/office/no-such-school/agreements")
    assert (
        (other.status_code, other.text) == (missing.status_code, missing.text) == (404, "Not found")
    )
    assert api_other.status_code == api_missing.status_code == 404
    assert api_other.text == api_missing.text


async def test_office_landing_goes_to_the_users_own_school(two_schools, settings):
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        landing = await client.get("/office/")
        assert landing.headers["location"] == "/office/clearwell/"
        api = await client.get("/api/office/clearwell/agreements")
        assert api.status_code == 200 and api.json()["school"] == "clearwell"


async def test_trust_admin_sees_every_school(two_schools, settings):
    admin = await make_office_user("admin@trust.example", role="trust_admin")
    totp = await enrol_totp(admin, settings)
    async with client_for(settings) as client:
        await sign_in(client, admin, totp)
        overview = await client.get("/office/")
        assert overview.status_code == 200
        for slug in ("clearwell", OTHER, "amcis", "knowsley", "stockport"):
            assert f'href="/office/{slug}/"' in overview.text
        other = await client.get(f"/office/{OTHER}/agreements/staff-social-media")
        assert other.status_code == 200 and "2099-01" in other.text
        api = await client.get(f"/api/office/{OTHER}/agreements")
        assert "2099-01" in api.text


async def test_every_office_form_refuses_a_post_without_the_csrf_token(two_schools, settings):
    """Enumerated like the routes above, so a new form cannot forget its CSRF check."""
    user = await make_office_user()
    async with client_for(settings) as client:
        await sign_in(client, user)
        routes = _office_routes(app_of(client))
        # Browser forms only: JSON APIs under /api/ authenticate their own way.
        posts = [p for p, m in routes if m == "POST" and p.startswith("/office/")]
        for path in posts:
            url = _PARAM.sub(
                lambda m: {"school": "clearwell"}.get(m.group(1), "staff-social-media"), path
            )
            data = {k: v for k, v in _form("").items() if k != "csrf"}
            response = await client.post(url, data=data, files=_file())
            assert response.status_code == 403, (url, response.status_code)
        assert (await client.get("/office/clearwell/")).status_code == 200
    assert len(posts) >= 6
