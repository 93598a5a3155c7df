"""Reading and writing office accounts, their sessions and sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from portal.sealing import Sealer
from portal.store import audit, sealed
from portal.store.models import School
from portal.store.office_models import LoginAttempt, OfficeSession, OfficeUser


class EmailTaken(ValueError):
    """Another office user already has this email address."""


async def school_by_slug(slug: str) -> School | None:
    return await School.get_or_none(slug=slug)


async def school_slugs() -> list[str]:
    return sorted(str(slug) for slug in await School.all().values_list("slug", flat=True))


async def user_by_email(email: str) -> OfficeUser | None:
    return await OfficeUser.get_or_none(email=email)


async def user_by_id(user_id: int) -> OfficeUser | None:
    return await OfficeUser.get_or_none(id=user_id)


async def create_user(
    *, email: str, name: str, role: str, school: School | None, password_hash: str, by: str
) -> OfficeUser:
    try:
        async with in_transaction() as conn:
            user = await OfficeUser.create(
                email=email,
                name=name,
                role=role,
                school=school,
                password_hash=password_hash,
                using_db=conn,
            )
            await audit.record(
                "office_user.created",
                actor=by,
                subject=email,
                school=school,
                data={"role": role, "name": name},
                connection=conn,
            )
    except IntegrityError:
        raise EmailTaken(f"an office user with the email {email} already exists") from None
    return user


async def set_password_hash(user: OfficeUser, password_hash: str) -> None:
    user.password_hash = password_hash
    await user.save(update_fields=["password_hash"])


async def set_totp_secret(user: OfficeUser, secret: str, sealer: Sealer) -> None:
    user.totp_secret, user.totp_confirmed, user.totp_last_step = sealer.seal(secret), False, 0
    await user.save(update_fields=["totp_secret", "totp_confirmed", "totp_last_step"])


async def totp_secret(user: OfficeUser, sealer: Sealer) -> str | None:
    """The code app's secret, or None before one is set up. Raises portal.sealing.Unsealable."""
    return await sealed.opened(user, "totp_secret", sealer)


async def claim_totp_step(user: OfficeUser, step: int) -> bool:
    """Record a code's step unless it (or a later one) was used already; safe between processes."""
    claimed = await OfficeUser.filter(id=user.id, totp_last_step__lt=step).update(
        totp_last_step=step
    )
    if claimed:
        user.totp_last_step = step
    return bool(claimed)


async def confirm_totp(user: OfficeUser) -> None:
    async with in_transaction() as conn:
        user.totp_confirmed = True
        await user.save(update_fields=["totp_confirmed"], using_db=conn)
        school = await School.get_or_none(id=user.school_id).using_db(conn)  # type: ignore[attr-defined]
        await audit.record(
            "office_user.totp_enrolled",
            actor=user.email,
            subject=user.email,
            school=school,
            connection=conn,
        )


async def reset_totp(user: OfficeUser, *, by: str, at: datetime) -> None:
    """Forget the code app and end every session: the next sign-in sets up a new one."""
    async with in_transaction() as conn:
        # TextField's type stubs have no nullable form; the column is nullable.
        user.totp_secret = None  # type: ignore[assignment]
        user.totp_confirmed = False
        await user.save(update_fields=["totp_secret", "totp_confirmed"], using_db=conn)
        await (
            OfficeSession.filter(user_id=user.id, ended_at__isnull=True)
            .using_db(conn)
            .update(ended_at=at)
        )
        school = await School.get_or_none(id=user.school_id).using_db(conn)  # type: ignore[attr-defined]
        await audit.record(
            "office_user.totp_reset", actor=by, subject=user.email, school=school, connection=conn
        )


async def mark_signed_in(user: OfficeUser, at: datetime) -> None:
    user.last_login_at = at
    await user.save(update_fields=["last_login_at"])


async def record_attempt(email: str, ip: str, at: datetime, *, succeeded: bool, stage: str) -> None:
    await LoginAttempt.create(email=email, ip=ip, at=at, succeeded=succeeded, stage=stage)


async def failures_since(since: datetime, *, email: str = "", ip: str = "") -> int:
    query = LoginAttempt.filter(at__gte=since, succeeded=False)
    return await (query.filter(email=email) if email else query.filter(ip=ip)).count()


async def create_session(
    user: OfficeUser, key_hash: str, method: str, ip: str, at: datetime
) -> OfficeSession:
    return await OfficeSession.create(
        user=user, key_hash=key_hash, method=method, ip=ip, created_at=at, last_seen_at=at
    )


async def open_session(key_hash: str) -> OfficeSession | None:
    return (
        await OfficeSession.filter(key_hash=key_hash, ended_at__isnull=True)
        .select_related("user")
        .first()
    )


async def touch_session(session: OfficeSession, at: datetime) -> None:
    session.last_seen_at = at
    await session.save(update_fields=["last_seen_at"])


async def end_session(key_hash: str, at: datetime) -> None:
    await OfficeSession.filter(key_hash=key_hash, ended_at__isnull=True).update(ended_at=at)


def schools_for(user: OfficeUser) -> QuerySet[School]:
    if user.role == "trust_admin":
        return School.all().order_by("name")
    return School.filter(id=user.school_id).order_by("name")  # type: ignore[attr-defined]
