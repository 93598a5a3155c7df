"""Appending to and reading back the audit chains (one per school, one for the trust)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.core.evidence import GENESIS, AuditEntry, ChainBreak, seal, verify_chain
from portal.store.models import AuditChain, AuditEvent, School

TRUST_CHAIN = "trust"


def chain_key(school: School | None) -> str:
    return school.slug if school is not None else TRUST_CHAIN


async def ensure_chain(key: str, connection: BaseDBAsyncClient | None = None) -> None:
    if not await AuditChain.filter(key=key).using_db(connection).exists():
        try:
            async with in_transaction() as conn:
                await AuditChain.create(key=key, last_seq=0, last_hash=GENESIS, using_db=conn)
        except IntegrityError:
            pass  # another writer created it first


@dataclass(frozen=True, slots=True)
class Event:
    """What happened, before it is sealed into a chain."""

    action: str
    actor: str
    subject: str
    data: Mapping[str, Any]


async def record(
    action: str,
    *,
    actor: str,
    subject: str,
    school: School | None,
    data: Mapping[str, Any] | None = None,
    connection: BaseDBAsyncClient,
) -> None:
    """Append one entry. Call inside the transaction that makes the change it records."""
    await append(
        chain_key(school),
        school.id if school is not None else None,
        [Event(action, actor, subject, data or {})],
        connection,
    )


async def append(
    key: str, school_id: int | None, events: Sequence[Event], connection: BaseDBAsyncClient
) -> None:
    """Seal and store entries in order under one lock of the chain head.

    Call inside the transaction that makes the changes they record: the head stays locked
    until it ends, so concurrent writers queue rather than fork the chain.
    """
    if not events:
        return
    head = await AuditChain.select_for_update().using_db(connection).get_or_none(key=key)
    if head is None:
        await ensure_chain(key)
        head = await AuditChain.select_for_update().using_db(connection).get(key=key)
    seq, prev, rows = head.last_seq, head.last_hash, []
    for event in events:
        seq += 1
        entry = seal(
            AuditEntry(
                seq=seq,
                at=datetime.now(UTC),
                action=event.action,
                actor=event.actor,
                subject=event.subject,
                data=dict(event.data),
                prev_hash=prev,
            )
        )
        prev = entry.hash
        rows.append(
            AuditEvent(
                school_id=school_id,
                chain=key,
                seq=entry.seq,
                at=entry.at,
                action=entry.action,
                actor=entry.actor,
                subject=entry.subject,
                data=entry.data,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
    await AuditEvent.bulk_create(rows, using_db=connection)
    await AuditChain.filter(id=head.id).using_db(connection).update(last_seq=seq, last_hash=prev)


def as_entry(event: AuditEvent) -> AuditEntry:
    return AuditEntry(
        seq=event.seq,
        at=event.at,
        action=event.action,
        actor=event.actor,
        subject=event.subject,
        data=event.data,
        prev_hash=event.prev_hash,
        hash=event.hash,
    )


async def entries(key: str, batch: int = 2000) -> AsyncIterator[AuditEntry]:
    last = 0
    while True:
        rows = await AuditEvent.filter(chain=key, seq__gt=last).order_by("seq").limit(batch)
        for row in rows:
            yield as_entry(row)
        if len(rows) < batch:
            return
        last = rows[-1].seq


async def verify(key: str) -> tuple[int, ChainBreak | None]:
    """How many entries the chain holds, and the first broken one."""
    collected = [e async for e in entries(key)]
    head = await AuditChain.get_or_none(key=key)
    problem = verify_chain(collected)
    if problem is None and head is not None and head.last_seq != len(collected):
        problem = ChainBreak(len(collected) + 1, f"entries after {len(collected)} are missing")
    return len(collected), problem


async def chain_keys() -> list[str]:
    keys: list[str] = await AuditChain.all().order_by("key").values_list("key", flat=True)  # type: ignore[assignment]
    return keys
