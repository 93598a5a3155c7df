"""Office accounts: adding users, checking passwords and codes, limiting guesses, sessions.

Passwords are argon2id hashes (argon2-cffi's defaults). Codes are TOTP (RFC 6238: six digits,
30-second steps, one step either side accepted for clock drift); a code, once accepted, is never
accepted again, nor is any code older than it. A code app's secret is stored sealed
(portal.sealing): one that cannot be opened refuses the sign-in, never skips the code.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

import pyotp
import qrcode
import qrcode.image.svg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.queryset import QuerySet

from portal.sealing import Sealer, Unsealable
from portal.store import accounts as store
from portal.store.models import School
from portal.store.office_models import OfficeUser

ROLES = ("office", "trust_admin")
MIN_PASSWORD_LENGTH = 12
ISSUER = "Signoff"
# Sign-in guesses allowed in a window. Per address, so one person's typos lock only them; per
# IP higher, because a school's whole office often shares one public address.
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 20
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()
log = logging.getLogger(__name__)


class AccountError(ValueError):
    """A user cannot be added or changed as asked; the message says why."""


class SecondFactor(StrEnum):
    NONE = "none"
    CODE = "code"
    """Enrolled: ask for a code."""
    ENROL = "enrol"
    """Must set up a code app before the sign-in completes."""


@dataclass(frozen=True, slots=True)
class SignIn:
    user: OfficeUser | None = None
    limited: bool = False
    code_app_unreadable: bool = False
    """The stored code app cannot be opened with the keys in use: only a reset helps."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def now() -> datetime:
    return datetime.now(UTC)


# -- adding users ---------------------------------------------------------------------------


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"a password needs at least {MIN_PASSWORD_LENGTH} characters"
    if password.strip() != password:
        return "a password may not start or end with a space"
    return None


async def add_user(
    *, email: str, name: str, role: str, school: str | None, password: str, by: str
) -> OfficeUser:
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise AccountError(f"{email!r} is not an email address")
    if not name.strip():
        raise AccountError("a user needs a name")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    row = await _school_for_role(role, school)
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    password_hash = await asyncio.to_thread(_hasher.hash, password)
    try:
        return await store.create_user(
            email=email,
            name=name.strip(),
            role=role,
            school=row,
            password_hash=password_hash,
            by=by,
        )
    except store.EmailTaken as exc:
        raise AccountError(str(exc)) from None


async def _school_for_role(role: str, slug: str | None) -> School | None:
    if role == "trust_admin":
        if slug:
            raise AccountError("a trust administrator sees every school: give no --school")
        return None
    if not slug:
        raise AccountError("an office user belongs to one school: give --school")
    row = await store.school_by_slug(slug)
    if row is None:
        known = ", ".join(await store.school_slugs()) or "none yet"
        raise AccountError(f"no school {slug!r} (known: {known})")
    return row


# -- passwords and the guess limit -----------------------------------------------------------


@cache
def _decoy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


async def sign_in_with_password(email: str, password: str, ip: str) -> SignIn:
    """The user, when the password is right; unknown addresses take as long as known ones."""
    email, at = normalise_email(email), now()
    if await is_limited(email, ip, at):
        return SignIn(limited=True)
    user = await store.user_by_email(email) if email else None
    stored = user.password_hash if user is not None and user.password_hash else _decoy_hash()
    matched = await asyncio.to_thread(_verify, stored, password)
    ok = matched and user is not None and user.active and bool(user.password_hash)
    await store.record_attempt(email, ip, at, succeeded=ok, stage="password")
    if not ok or user is None:
        return SignIn()
    if _hasher.check_needs_rehash(user.password_hash):
        await store.set_password_hash(user, await asyncio.to_thread(_hasher.hash, password))
    return SignIn(user=user)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


async def is_limited(email: str, ip: str, at: datetime) -> bool:
    since = at - WINDOW
    if email and await store.failures_since(since, email=email) >= MAX_FAILURES_PER_EMAIL:
        return True
    return await store.failures_since(since, ip=ip) >= MAX_FAILURES_PER_IP


# -- codes ----------------------------------------------------------------------------------


def second_factor(user: OfficeUser, *, required_for_all: bool) -> SecondFactor:
    if user.totp_confirmed and user.totp_secret:
        return SecondFactor.CODE
    if user.role == "trust_admin" or required_for_all:
        return SecondFactor.ENROL
    return SecondFactor.NONE


async def check_code(user: OfficeUser, code: str, ip: str, sealer: Sealer) -> SignIn:
    """Accept a fresh code from the user's set-up app; a wrong or replayed code is a guess."""
    if not user.totp_confirmed:
        return SignIn()
    return await _check(user, code, ip, sealer)


async def _check(user: OfficeUser, code: str, ip: str, sealer: Sealer) -> SignIn:
    at = now()
    if await is_limited(user.email, ip, at):
        return SignIn(limited=True)
    try:
        secret = await store.totp_secret(user, sealer)
    except Unsealable:
        # Not a guess, so not counted towards the limit; and never "not enrolled", which would
        # let the password alone through.
        log.error(
            "office user %s cannot sign in: their code app secret cannot be opened "
            "(SIGNOFF_SECRET_KEY changed and the old key is not in SIGNOFF_SECRET_KEY_PREVIOUS, "
            "or the stored value is damaged); "
            "`signoff user reset-code --email %s` lets them set up a new code app",
            user.email,
            user.email,
        )
        return SignIn(code_app_unreadable=True)
    ok = bool(secret) and await _claim(user, secret or "", code, at)
    await store.record_attempt(user.email, ip, at, succeeded=ok, stage="code")
    return SignIn(user=user if ok else None)


async def _claim(user: OfficeUser, secret: str, code: str, at: datetime) -> bool:
    step = matching_step(secret, code, at)
    return step is not None and await store.claim_totp_step(user, step)


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    code = re.sub(r"\s+", "", code)
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


async def begin_enrolment(user: OfficeUser, sealer: Sealer) -> str:
    """The secret to show; kept until confirmed, so a reloaded page shows the same code.

    A confirmed code app is never replaced here: whoever knows only the password must not be
    able to swap in their own. Replacing it is `reset_code_app`, for an administrator.
    """
    if user.totp_confirmed:
        raise AccountError("a code app is already set up for this account")
    try:
        secret = await store.totp_secret(user, sealer)
    except Unsealable:
        # Never confirmed, so nothing signs in with it yet: a fresh one replaces it safely.
        secret = None
    if not secret:
        secret = pyotp.random_base32()
        await store.set_totp_secret(user, secret, sealer)
    return secret


async def confirm_enrolment(user: OfficeUser, code: str, ip: str, sealer: Sealer) -> SignIn:
    if user.totp_confirmed or not user.totp_secret:
        return SignIn()
    outcome = await _check(user, code, ip, sealer)
    if outcome.code_app_unreadable:
        # Not yet a second factor: the page shows a fresh code app (begin_enrolment) to scan.
        return SignIn()
    if outcome.user is not None:
        await store.confirm_totp(user)
    return outcome


def provisioning_uri(user: OfficeUser, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(data: str) -> str:
    """An inline SVG (no scripts, no style attributes) so a strict CSP needs no exception."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg


async def reset_code_app(email: str, *, by: str) -> OfficeUser:
    """For a lost phone: the user sets up a code app again at their next sign-in."""
    user = await store.user_by_email(normalise_email(email))
    if user is None:
        raise AccountError(f"no office user with the email {normalise_email(email)}")
    await store.reset_totp(user, by=by, at=now())
    return user


# -- single sign-on -------------------------------------------------------------------------


def verified_email(claims: dict[str, Any]) -> str | None:
    """The address the provider vouches for: `email_verified` (Google), `xms_edov` (Entra ID)."""
    email = claims.get("email")
    if not isinstance(email, str) or not email:
        return None
    if claims.get("email_verified") is True or claims.get("xms_edov") in (True, "1", "true"):
        return normalise_email(email)
    return None


async def user_for_sso(claims: dict[str, Any], ip: str) -> SignIn:
    """Only an existing, active user with that exact address; nobody is created on the fly."""
    email, at = verified_email(claims), now()
    if email is None:
        return SignIn()
    if await is_limited(email, ip, at):
        return SignIn(limited=True)
    user = await store.user_by_email(email)
    ok = user is not None and user.active
    await store.record_attempt(email, ip, at, succeeded=ok, stage="sso")
    return SignIn(user=user if ok else None)


# -- what a user may see --------------------------------------------------------------------


def visible_schools(user: OfficeUser) -> QuerySet[School]:
    return store.schools_for(user)


async def schools_of(user: OfficeUser) -> list[School]:
    return await visible_schools(user)


async def visible_school(user: OfficeUser, slug: str) -> School | None:
    return await visible_schools(user).filter(slug=slug).first()


async def user_by_id(user_id: int) -> OfficeUser | None:
    return await store.user_by_id(user_id)
