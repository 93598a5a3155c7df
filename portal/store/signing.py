"""The reads and writes behind a signature, kept to a few queries per request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from portal.core import agreements as core
from portal.store import audit, invitations
from portal.store.agreements import clause_of
from portal.store.audit import Event
from portal.store.chain_writer import OpenJob, SignJob, writer
from portal.store.models import (
    AgreementVersion,
    AuditEvent,
    Clause,
    School,
    SignResponse,
)

_VERSION_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class VersionText:
    id: int
    school_id: int
    agreement_id: int
    label: str
    effective: date
    sha256: str
    statement: str
    text: str
    clauses: tuple[core.Clause, ...]


# Published versions never change (VersionConflict guards that), so they are safe to keep in
# memory: the sign page then costs no text or clause queries at all.
_versions: dict[int, VersionText] = {}


async def version_text(version_id: int) -> VersionText | None:
    cached = _versions.get(version_id)
    if cached is not None:
        return cached
    row = await AgreementVersion.get_or_none(id=version_id)
    if row is None:
        return None
    clauses = await Clause.filter(version_id=version_id).order_by("position")
    text = VersionText(
        id=row.id,
        school_id=row.school_id,  # type: ignore[attr-defined]
        agreement_id=row.agreement_id,  # type: ignore[attr-defined]
        label=row.label,
        effective=row.effective,
        sha256=row.sha256,
        statement=row.statement,
        text=row.text,
        clauses=tuple(clause_of(c) for c in clauses),
    )
    if len(_versions) >= _VERSION_CACHE_SIZE:
        _versions.clear()
    _versions[version_id] = text
    return text


@dataclass(frozen=True, slots=True)
class LatestAck:
    """The newest round of one version that one person signed for one subject."""

    id: int
    subject_key: str
    round: int
    signed_at: datetime


# Hand-written, as it runs before every signature (see portal.store.sign_reads for why).
_LATEST = {
    "postgres": "SELECT id, subject_key, round, signed_at FROM acknowledgement"
    " WHERE person_id = $1 AND version_id = $2 ORDER BY round",
    "sqlite": "SELECT id, subject_key, round, signed_at FROM acknowledgement"
    " WHERE person_id = ? AND version_id = ? ORDER BY round",
}


async def latest_acknowledgements(
    person_id: int, version_id: int, keys: Sequence[str]
) -> dict[str, LatestAck]:
    """By subject key; subjects never signed in this version are missing."""
    db = connections.get("default")
    _, rows = await db.execute_query(_LATEST[db.capabilities.dialect], [person_id, version_id])
    wanted = set(keys)
    return {
        r["subject_key"]: LatestAck(r["id"], r["subject_key"], r["round"], _instant(r["signed_at"]))
        for r in rows
        if r["subject_key"] in wanted
    }


def _instant(value: datetime | str) -> datetime:
    # SQLite hands timestamps back as the text it stored.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def mark_opened(
    invitation_id: int, school_id: int, at: datetime, data: Mapping[str, Any]
) -> None:
    """Stamp the first opening; only the request that stamps it writes the audit entry."""
    event = Event("invitation.opened", "link holder", f"invitation:{invitation_id}", data)
    await writer().submit(school_id, await chain_of(school_id), OpenJob(invitation_id, at, event))


@dataclass(frozen=True, slots=True)
class Inserted:
    ids: list[int]
    """The acknowledgements created; [] when they already existed."""
    receipt_id: int | None
    """The pending receipt owed for them, when one was asked for and the signer has an address."""


async def insert_acknowledgements(
    rows: Sequence[dict[str, Any]],
    *,
    school_id: int,
    submission: str,
    event: Event,
    receipt: bool = False,
) -> Inserted:
    """Insert the rows with their audit entry (and the receipt they owe), all or nothing."""
    job = SignJob(rows, submission, event, receipt=receipt)
    ids = await writer().submit(school_id, await chain_of(school_id), job)
    return Inserted(ids, job.receipt_id)


_chains: dict[int, str] = {}


def forget_cached() -> None:
    """Drop the caches above: a test database emptied between tests hands out ids again."""
    _versions.clear()
    _chains.clear()


async def chain_of(school_id: int) -> str:
    """The school's audit chain key (its slug, which never changes once created)."""
    if school_id not in _chains:
        school = await School.get(id=school_id)
        _chains[school_id] = audit.chain_key(school)
    return _chains[school_id]


async def audit_trail(school_slug: str, subject: str) -> list[AuditEvent]:
    return await AuditEvent.filter(chain=school_slug, subject=subject).order_by("seq")


async def record_response(
    *,
    invitation_id: int,
    school_id: int,
    kind: str,
    message: str,
    data: Mapping[str, Any],
    revoke: bool,
) -> SignResponse:
    async with in_transaction() as conn:
        school = await School.filter(id=school_id).using_db(conn).get()
        response = await SignResponse.create(
            school=school, invitation_id=invitation_id, kind=kind, message=message, using_db=conn
        )
        subject = f"invitation:{invitation_id}"
        await audit.record(
            f"invitation.{kind}",
            actor="link holder",
            subject=subject,
            school=school,
            data={**data, "response_id": response.id},
            connection=conn,
        )
        if revoke:  # joins this transaction (as a savepoint): both commit or neither
            await invitations.revoke(school, invitation_id, "not-me", "link holder")
    return response
