"""Appending to and reading back the audit chains (one per school, one for the trust)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
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


async def record(
    action: str,
    *,
    actor: str,
    subject: str,
    school: School | None,
    data: Mapping[str, Any] | None = None,
    connection: BaseDBAsyncClient,
) -> AuditEvent:
    """Append one entry. Call inside the transaction that makes the change it records."""
    key = chain_key(school)
    head = await _locked_head(key, connection)
    entry = seal(
        AuditEntry(
            seq=head.last_seq + 1,
            at=datetime.now(UTC),
            action=action,
            actor=actor,
            subject=subject,
            data=dict(data or {}),
            prev_hash=head.last_hash,
        )
    )
    event = await _store_entry(entry, key, school, connection)
    head.last_seq, head.last_hash = entry.seq, entry.hash
    await head.save(update_fields=["last_seq", "last_hash"], using_db=connection)
    return event


async def _locked_head(key: str, connection: BaseDBAsyncClient) -> AuditChain:
    """The chain's head row, locked until the transaction ends; created on first use."""
    head = await AuditChain.select_for_update().using_db(connection).get_or_none(key=key)
    if head is None:
        await ensure_chain(key)
        head = await AuditChain.select_for_update().using_db(connection).get(key=key)
    return head


async def _store_entry(
    entry: AuditEntry, key: str, school: School | None, connection: BaseDBAsyncClient
) -> AuditEvent:
    return await AuditEvent.create(
        school=school,
        chain=key,
        seq=entry.seq,
        at=entry.at,
        action=entry.action,
        actor=entry.actor,
        subject=entry.subject,
        data=entry.data,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
        using_db=connection,
    )


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
