"""Plain functions the office tests share: users, a client for the app, signing in."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pyotp
from starlette.applications import Starlette

from portal.sealing import sealer_for
from portal.settings import Settings
from portal.store.office_models import OfficeUser
from portal.usecases import accounts
from portal.web.app import create_app

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def make_office_user(
    email: str = "office@clearwell.example",
    *,
    school: str | None = "clearwell",
    role: str = "office",
    name: str = "Olive Office",
    password: str = PASSWORD,
) -> OfficeUser:
    return await accounts.add_user(
        email=email,
        name=name,
        role=role,
        school=None if role == "trust_admin" else school,
        password=password,
        by="tests",
    )


async def enrol_totp(user: OfficeUser, settings: Settings) -> pyotp.TOTP:
    """A confirmed code app for the user, whose last accepted code is the one before now."""
    secret = await accounts.begin_enrolment(user, sealer_for(settings))
    totp = pyotp.TOTP(secret)
    await OfficeUser.filter(id=user.id).update(
        totp_confirmed=True, totp_last_step=totp.timecode(_now()) - 2
    )
    return totp


def _now():  # type: ignore[no-untyped-def]
    return accounts.now()


def code_at(totp: pyotp.TOTP, steps_from_now: int = 0) -> str:
    return totp.at(time.time(), counter_offset=steps_from_now)


@asynccontextmanager
async def client_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        client.app = app  # type: ignore[attr-defined]
        yield client


def app_of(client: httpx.AsyncClient) -> Starlette:
    app: Starlette = client.app  # type: ignore[attr-defined]
    return app


def csrf(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


async def csrf_for(client: httpx.AsyncClient, path: str = "/office/login") -> str:
    response = await client.get(path)
    return csrf(response.text)


async def post_login(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD
) -> httpx.Response:
    token = await csrf_for(client)
    return await client.post(
        "/office/login", data={"email": email, "password": password, "csrf": token}
    )


async def sign_in(
    client: httpx.AsyncClient, user: OfficeUser, totp: pyotp.TOTP | None = None
) -> None:
    response = await post_login(client, user.email)
    assert response.status_code == 303, response.text
    if totp is not None:
        assert response.headers["location"] == "/office/login/code"
        token = await csrf_for(client, "/office/login/code")
        response = await client.post(
            "/office/login/code", data={"code": code_at(totp, 0), "csrf": token}
        )
        assert response.status_code == 303, response.text
    assert response.headers["location"].startswith("/office/"), response.headers["location"]
