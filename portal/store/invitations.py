"""Invitations and their deliveries: created, replaced and revoked with an audit entry each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from portal.core.renewals import counts_on, school_day
from portal.store import audit
from portal.store.agreements import renewal_rule
from portal.store.models import Acknowledgement, Delivery, Invitation, School


def subject(invitation_id: int) -> str:
    """The audit subject every event about one invitation shares, so its history is one query."""
    return f"invitation:{invitation_id}"


async def signed_subjects(
    version_id: int, person_ids: Iterable[int], on: date | None = None
) -> set[tuple[int, str]]:
    """(person, subject key) pairs whose latest signature of this version still counts `on`
    (the school's today by default); a lapsed one is signed again, in the next round."""
    rule = await renewal_rule(version_id)
    today = on or datetime.now(rule.zone).date()
    latest: dict[tuple[int, str], datetime] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 5000):  # stay far below SQLite's bound-parameter limit
        rows = (
            await Acknowledgement.filter(
                version_id=version_id, person_id__in=ids[start : start + 5000]
            )
            .order_by("round")
            .values_list("person_id", "subject_key", "signed_at")
        )
        latest.update(((person, key), at) for person, key, at in rows)
    return {
        pair
        for pair, at in latest.items()
        if counts_on(rule.renewal, rule.anchor, school_day(at, rule.zone), today)
    }


async def open_invitations(version_id: int, now: datetime) -> dict[int, Invitation]:
    """The newest live invitation per person for one version that nobody has signed through.

    A link that was signed through belongs to that signature: when it lapses and must be
    renewed, the person gets a new link (and a new email), not the old one again.
    """
    spent = Acknowledgement.filter(version_id=version_id, invitation_id__isnull=False)
    rows = (
        await Invitation.filter(version_id=version_id, revoked_at__isnull=True, expires_at__gt=now)
        .exclude(id__in=Subquery(spent.values("invitation_id")))
        .order_by("id")
    )
    return {row.person_id: row for row in rows}  # type: ignore[attr-defined]


async def create(
    school: School,
    *,
    person_id: int,
    agreement_id: int,
    version_id: int,
    pupil_ids: list[int],
    expires_at: datetime,
    actor: str,
    replaces: Invitation | None = None,
) -> Invitation:
    async with in_transaction() as conn:
        invitation = await Invitation.create(
            school=school,
            person_id=person_id,
            agreement_id=agreement_id,
            version_id=version_id,
            pupil_ids=pupil_ids,
            expires_at=expires_at,
            created_by=actor,
            using_db=conn,
        )
        action = await _replace(school, replaces, invitation, actor, conn)
        await audit.record(
            action,
            actor=actor,
            subject=subject(invitation.id),
            school=school,
            connection=conn,
            data={
                "person_id": person_id,
                "version_id": version_id,
                "pupil_ids": pupil_ids,
                "expires_at": expires_at.isoformat(),
                "replaces": replaces.id if replaces is not None else None,
            },
        )
    return invitation


async def _replace(
    school: School,
    replaces: Invitation | None,
    invitation: Invitation,
    actor: str,
    conn: BaseDBAsyncClient,
) -> str:
    """Revoke the invitation a new one replaces; the audit action says whether it was a resend."""
    if replaces is not None and await _revoke(
        school, replaces.id, "replaced", actor, conn, replaced_by=invitation.id
    ):
        return "invitation.resent"
    return "invitation.created"


async def revoke(school: School, invitation_id: int, reason: str, actor: str) -> bool:
    async with in_transaction() as conn:
        return await _revoke(school, invitation_id, reason, actor, conn)


async def _revoke(
    school: School,
    invitation_id: int,
    reason: str,
    actor: str,
    conn: BaseDBAsyncClient,
    replaced_by: int | None = None,
) -> bool:
    # Conditional on still being live, so two revokers cannot both record it.
    changed = (
        await Invitation.filter(id=invitation_id, revoked_at__isnull=True)
        .using_db(conn)
        .update(revoked_at=audit_now(), revoked_reason=reason, replaced_by_id=replaced_by)
    )
    if changed:
        await audit.record(
            "invitation.revoked",
            actor=actor,
            subject=subject(invitation_id),
            school=school,
            data={"reason": reason, "replaced_by": replaced_by},
            connection=conn,
        )
    return bool(changed)


def audit_now() -> datetime:
    return datetime.now(UTC)


async def claim_delivery(
    school: School, invitation: Invitation, *, purpose: str, address: str, key: str
) -> bool:
    """Take the right to send one message; False when it was sent already or is being sent."""
    try:
        await Delivery.create(
            school=school,
            person_id=invitation.person_id,  # type: ignore[attr-defined]
            invitation=invitation,
            key=key,
            channel="email",
            purpose=purpose,
            address=address,
        )
        return True
    except IntegrityError:
        # Only a failed attempt may be retried; "pending" belongs to a sender still at work.
        retried = await Delivery.filter(key=key, status="failed").update(
            status="pending", address=address
        )
        return bool(retried)


async def finish_delivery(
    school: School, key: str, *, subject_id: str, actor: str, error: str = ""
) -> None:
    async with in_transaction() as conn:
        await (
            Delivery.filter(key=key)
            .using_db(conn)
            .update(
                status="failed" if error else "sent",
                error=error,
                sent_at=None if error else audit_now(),
            )
        )
        await audit.record(
            "invitation.send_failed" if error else "invitation.sent",
            actor=actor,
            subject=subject_id,
            school=school,
            connection=conn,
            data={"delivery": key, **({"error": error} if error else {})},
        )
