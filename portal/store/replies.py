"""Replies on sign links (a question, a refusal, "this isn't me"), as the office answers them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from portal.store import audit
from portal.store.models import AuditEvent, Pupil, School, SignResponse

ANSWERED = "response.answered"


@dataclass(frozen=True, slots=True)
class Reply:
    id: int
    kind: str
    message: str
    created_at: datetime
    answered_at: datetime | None
    answered_by: str
    invitation_id: int
    person_id: int
    person_name: str
    person_email: str
    agreement_title: str
    version_label: str
    pupils: tuple[str, ...]
    """Each pupil the link was for, as "Amy Smith (Year 4)"."""


_FIELDS = (
    "id",
    "kind",
    "message",
    "created_at",
    "resolved_at",
    "invitation_id",
    "invitation__person_id",
    "invitation__person__full_name",
    "invitation__person__email",
    "invitation__agreement__title",
    "invitation__version__label",
    "invitation__pupil_ids",
)


async def waiting(school: School) -> list[Reply]:
    """Replies nobody has answered yet, oldest first: the order they should be worked through."""
    rows = (
        await SignResponse.filter(school_id=school.id, resolved_at__isnull=True)
        .order_by("created_at", "id")
        .values(*_FIELDS)
    )
    return await _replies(school, rows)


async def answered(school: School, limit: int) -> list[Reply]:
    """The replies answered most recently, newest first."""
    rows = (
        await SignResponse.filter(school_id=school.id, resolved_at__isnull=False)
        .order_by("-resolved_at", "-id")
        .limit(limit)
        .values(*_FIELDS)
    )
    return await _replies(school, rows)


async def one(school: School, reply_id: int) -> Reply | None:
    rows = await SignResponse.filter(id=reply_id, school_id=school.id).values(*_FIELDS)
    found = await _replies(school, rows)
    return found[0] if found else None


async def waiting_count(school: School) -> int:
    return await SignResponse.filter(school_id=school.id, resolved_at__isnull=True).count()


async def unanswered(version_id: int) -> set[int]:
    """The invitations to sign the version whose holder's reply the office has not answered."""
    # Few replies wait at any time: select them, rather than test every live link.
    rows = await SignResponse.filter(
        invitation__version_id=version_id, resolved_at__isnull=True
    ).values_list("invitation_id", flat=True)
    return {int(str(i)) for i in rows}


async def people_with_unanswered(agreement_id: int) -> set[int]:
    """People whose reply about the agreement (any version) the office has not answered yet."""
    rows = await SignResponse.filter(
        invitation__agreement_id=agreement_id, resolved_at__isnull=True
    ).values_list("invitation__person_id", flat=True)
    return {int(str(i)) for i in rows}


async def mark_answered(school: School, reply_id: int, actor: str, now: datetime) -> bool | None:
    """Mark a reply answered, once: False when it was answered before, None when this school
    has no such reply."""
    reply = await SignResponse.get_or_none(id=reply_id, school_id=school.id)
    if reply is None:
        return None
    async with in_transaction() as conn:
        # The condition on resolved_at decides between two people answering at once.
        changed = (
            await SignResponse.filter(id=reply_id, resolved_at__isnull=True)
            .using_db(conn)
            .update(resolved_at=now)
        )
        if not changed:
            return False
        # Under the invitation, beside the reply itself, so the link's trail shows both.
        await audit.record(
            ANSWERED,
            actor=actor,
            subject=f"invitation:{reply.invitation_id}",  # type: ignore[attr-defined]
            school=school,
            data={"response_id": reply_id, "kind": reply.kind},
            connection=conn,
        )
    return True


async def _replies(school: School, rows: list[dict[str, Any]]) -> list[Reply]:
    if not rows:
        return []
    pupil_ids = {int(i) for row in rows for i in row["invitation__pupil_ids"] or []}
    pupils = {
        p["id"]: f"{p['full_name']} ({p['year_group']})" if p["year_group"] else p["full_name"]
        for p in await Pupil.filter(school_id=school.id, id__in=pupil_ids).values(
            "id", "full_name", "year_group"
        )
    }
    by = await _answered_by(school, [r for r in rows if r["resolved_at"] is not None])
    return [
        Reply(
            id=row["id"],
            kind=row["kind"],
            message=row["message"],
            created_at=row["created_at"],
            answered_at=row["resolved_at"],
            answered_by=by.get(row["id"], ""),
            invitation_id=row["invitation_id"],
            person_id=row["invitation__person_id"],
            person_name=row["invitation__person__full_name"],
            person_email=row["invitation__person__email"] or "",
            agreement_title=row["invitation__agreement__title"],
            version_label=row["invitation__version__label"],
            pupils=tuple(
                pupils[int(i)] for i in row["invitation__pupil_ids"] or [] if int(i) in pupils
            ),
        )
        for row in rows
    ]


async def _answered_by(school: School, rows: list[dict[str, Any]]) -> dict[int, str]:
    if not rows:
        return {}
    events = await AuditEvent.filter(
        chain=audit.chain_key(school),
        action=ANSWERED,
        subject__in={f"invitation:{r['invitation_id']}" for r in rows},
    ).values("actor", "data")
    return {int(str(e["data"].get("response_id", 0))): e["actor"] for e in events}
