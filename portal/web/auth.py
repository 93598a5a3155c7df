"""Who is signed in to the office pages, which schools they may see, and CSRF protection.

Sessions live in a signed, HttpOnly, SameSite=Lax cookie (Starlette's SessionMiddleware). The
cookie carries a random session key whose hash is an `OfficeSession` row, so signing out, idle
timeouts and deactivating a user take effect on the server, not only in the browser.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from tortoise.queryset import QuerySet

from portal.settings import Settings
from portal.store.models import School
from portal.store.office_models import OfficeUser
from portal.usecases import accounts, office_sessions
from portal.web.oidc import Providers

SESSION_COOKIE = "signoff_session"
LOGIN_PATH = "/office/login"
_KEY = "office_key"
_CSRF = "csrf"
_PENDING = "office_pending"
SCOPE_USER = "signoff.office_user"
PENDING_SECONDS = 300
"""How long a password may wait for its code (or code-app setup) before starting again."""


class SignInRequired(HTTPException):
    """Raised by require_user: a browser is sent to sign in, an API client gets 401."""

    def __init__(self, request: Request) -> None:
        path = request.url.path
        target = f"{LOGIN_PATH}?next={quote(path, safe='/')}" if _is_office(path) else LOGIN_PATH
        super().__init__(303, "Sign in required", headers={"Location": target})


def install(app: Starlette, settings: Settings) -> None:
    """The session cookie and the sign-in redirect, added once in create_app."""
    app.add_middleware(
        SessionMiddleware,
        # Starlette's SessionMiddleware takes one key, not a list: after a key rotation every
        # office user signs in again (README, "Rotating SIGNOFF_SECRET_KEY"). Sessions last hours,
        # so that is cheaper than a session middleware of our own.
        secret_key=settings.secret_key.value,
        session_cookie=SESSION_COOKIE,
        max_age=int(office_sessions.SESSION_LIFETIME.total_seconds()),
        same_site="lax",
        https_only=settings.base_url.startswith("https://"),
    )
    app.add_exception_handler(SignInRequired, _sign_in_required)  # type: ignore[arg-type]
    app.state.oidc = Providers(settings)


async def _sign_in_required(request: Request, exc: SignInRequired) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse(
            {"error": "sign in required"}, 401, headers={"Cache-Control": "no-store"}
        )
    return RedirectResponse(exc.headers["Location"] if exc.headers else LOGIN_PATH, 303)


def _is_office(path: str) -> bool:
    return path.startswith("/office/") and not path.startswith(LOGIN_PATH)


def safe_next(value: str | None) -> str:
    """Only our own office pages: a `next` that leads elsewhere would be an open redirect."""
    if value and value.startswith("/office/") and "//" not in value and "\\" not in value:
        return value
    return "/office/"


def _idle(request: Request) -> timedelta:
    settings: Settings = request.app.state.settings
    return timedelta(minutes=settings.office_idle_minutes)


async def current_user(request: Request) -> OfficeUser | None:
    if SCOPE_USER in request.scope:
        user: OfficeUser | None = request.scope[SCOPE_USER]
        return user
    key = request.session.get(_KEY)
    user = await office_sessions.session_user(key, _idle(request)) if isinstance(key, str) else None
    if key is not None and user is None:
        request.session.pop(_KEY)
    request.scope[SCOPE_USER] = user
    return user


async def require_user(request: Request) -> OfficeUser:
    user = await current_user(request)
    if user is None:
        raise SignInRequired(request)
    return user


async def require_school(request: Request, slug: str) -> School:
    """The school, if this user may see it; otherwise 404, which does not confirm it exists."""
    user = await require_user(request)
    school = await accounts.visible_school(user, slug)
    if school is None:
        raise HTTPException(404, "Not found")
    return school


def visible_schools(user: OfficeUser) -> QuerySet[School]:
    return accounts.visible_schools(user)


def csrf_token(request: Request) -> str:
    token = request.session.get(_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[_CSRF] = token
    return token


async def check_csrf(request: Request, form: FormData) -> None:
    sent, expected = form.get("csrf"), request.session.get(_CSRF)
    if not (isinstance(sent, str) and isinstance(expected, str)) or not secrets.compare_digest(
        sent.encode(), expected.encode()
    ):
        raise HTTPException(403, "This form has expired. Go back, reload the page and try again.")


# -- the steps of signing in (used by the sign-in pages) --------------------------------------


def hold_for_second_factor(request: Request, user: OfficeUser, method: str, next_url: str) -> None:
    """Password (or single sign-on) passed; the code comes next. A fresh session either way."""
    request.session.clear()
    request.session[_PENDING] = {
        "user": user.id,
        "at": time.time(),
        "method": method,
        "next": safe_next(next_url),
    }


def pending(request: Request) -> dict[str, Any] | None:
    held = request.session.get(_PENDING)
    if not isinstance(held, dict) or time.time() - float(held.get("at", 0)) > PENDING_SECONDS:
        return None
    return held


async def pending_user(request: Request) -> OfficeUser | None:
    held = pending(request)
    user = await accounts.user_by_id(int(held["user"])) if held else None
    return user if user is not None and user.active else None


async def complete_sign_in(request: Request, user: OfficeUser, method: str) -> None:
    """Start a new session: everything the browser held before (and its CSRF token) is dropped."""
    await end_session(request)
    request.session.clear()
    request.session[_KEY] = await office_sessions.start_session(user, method, client_ip(request))
    request.session[_CSRF] = secrets.token_urlsafe(32)
    request.scope[SCOPE_USER] = user


async def end_session(request: Request) -> None:
    key = request.session.get(_KEY)
    if isinstance(key, str):
        await office_sessions.end_session(key)
    request.session.clear()
    request.scope[SCOPE_USER] = None


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""
