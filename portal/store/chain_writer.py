"""Group commit for busy moments: many signatures and first openings share one transaction.

Each school's audit chain is a single row locked for every append, so one transaction per
event turns a morning rush into a queue (and ties up the connection pool while it waits).
Here each school has one writer at a time per process; jobs that arrive while it commits
wait for the next batch, which takes the chain lock once and appends all of their entries.
A caller's await returns only after its batch has committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.transactions import in_transaction

from portal.per_loop import PerLoop
from portal.store import audit
from portal.store.audit import Event
from portal.store.models import Acknowledgement, Delivery, Invitation, Person

MAX_BATCH = 256
RECEIPT = "receipt"
"""The purpose of the delivery a signature owes when its job asks for a receipt."""


@dataclass
class SignJob:
    """Acknowledgement rows that stand or fall together, and the entry that records them."""

    rows: Sequence[dict[str, Any]]
    submission: str
    """Unique per call; kept in each row's evidence to tell our inserts from earlier ones."""
    event: Event
    receipt: bool = False
    """Owe the signer an emailed receipt (when they have an address), recorded in the same
    transaction as the signature, so none is lost between the two."""
    receipt_id: int | None = None
    """The receipt's delivery id, once committed."""
    future: asyncio.Future[list[int]] = field(default_factory=lambda: _future())


@dataclass
class OpenJob:
    invitation_id: int
    at: datetime
    event: Event
    future: asyncio.Future[list[int]] = field(default_factory=lambda: _future())


_Job = SignJob | OpenJob


def _future() -> asyncio.Future[list[int]]:
    return asyncio.get_running_loop().create_future()


class ChainWriter:
    def __init__(self) -> None:
        self._queues: dict[tuple[int, str], list[_Job]] = {}

    async def submit(self, school_id: int, chain: str, job: _Job) -> list[int]:
        """Ids of acknowledgements created (SignJob) or [invitation id] stamped (OpenJob)."""
        if isinstance(connections.get("default"), TransactionalDBClient):
            # Inside the caller's own transaction: write there (a savepoint), so the entry
            # commits or rolls back with the rest of their work.
            return (await _write(school_id, chain, [job]))[0]
        key = (school_id, chain)
        queue = self._queues.get(key)
        if queue is None:
            self._queues[key] = queue = []
            asyncio.get_running_loop().create_task(self._drain(key))
        queue.append(job)
        return await job.future

    async def _drain(self, key: tuple[int, str]) -> None:
        await asyncio.sleep(0)  # let the jobs that arrive in this same turn join the batch
        try:
            while self._queues[key]:
                queue = self._queues[key]
                batch, queue[:] = queue[:MAX_BATCH], queue[MAX_BATCH:]
                await self._commit(key, batch)
        finally:
            del self._queues[key]

    async def _commit(self, key: tuple[int, str], batch: list[_Job]) -> None:
        try:
            results = await _write(key[0], key[1], batch)
        except Exception as exc:  # handed to each waiting caller below, never swallowed
            if len(batch) == 1:
                if not batch[0].future.done():
                    batch[0].future.set_exception(exc)
                return
            for job in batch:  # find the one that fails, so the others still commit
                await self._commit(key, [job])
            return
        for job, result in zip(batch, results, strict=True):
            if not job.future.done():  # a caller that went away no longer waits
                job.future.set_result(result)


_writers = PerLoop(ChainWriter)


def writer() -> ChainWriter:
    """The writer for the running event loop (each loop owns its futures and connections)."""
    return _writers.get()


async def _write(school_id: int, chain: str, batch: list[_Job]) -> list[list[int]]:
    for job in batch:  # a batch that failed and is retried one by one starts afresh
        if isinstance(job, SignJob):
            job.receipt_id = None
    async with in_transaction() as conn:
        signed = await _insert(school_id, [j for j in batch if isinstance(j, SignJob)], conn)
        opened = await _stamp([j for j in batch if isinstance(j, OpenJob)], conn)
        results = [signed[id(j)] if isinstance(j, SignJob) else opened[id(j)] for j in batch]
        owing = [(j, r) for j, r in zip(batch, results, strict=True) if isinstance(j, SignJob)]
        await _owe_receipts(school_id, [(j, r) for j, r in owing if j.receipt and r], conn)
        events = [_with_ids(j, r) for j, r in zip(batch, results, strict=True) if r]
        await audit.append(chain, school_id, events, conn)
    return results


async def _insert(
    school_id: int, jobs: list[SignJob], conn: BaseDBAsyncClient
) -> dict[int, list[int]]:
    if not jobs:
        return {}
    rows = [Acknowledgement(**row, school_id=school_id) for job in jobs for row in job.rows]
    # The unique (person, version, subject, round) constraint decides: a double submit inserts
    # nothing, as both work out the same round.
    await Acknowledgement.bulk_create(rows, ignore_conflicts=True, using_db=conn)
    found = (
        await Acknowledgement.filter(
            person_id__in={r["person_id"] for j in jobs for r in j.rows},
            version_id__in={r["version_id"] for j in jobs for r in j.rows},
        )
        .using_db(conn)
        .values("id", "evidence")
    )
    mine: dict[str, list[int]] = {}
    for row in found:
        mine.setdefault(str((row["evidence"] or {}).get("submission", "")), []).append(row["id"])
    return {id(job): sorted(mine.get(job.submission, [])) for job in jobs}


async def _owe_receipts(
    school_id: int, signed: list[tuple[SignJob, list[int]]], conn: BaseDBAsyncClient
) -> None:
    """A pending receipt per new signature whose signer has an address; the job keeps its id."""
    if not signed:
        return
    people = {job.rows[0]["person_id"] for job, _ in signed}
    emails = dict(await Person.filter(id__in=people).using_db(conn).values_list("id", "email"))
    keys = {id(job): f"{RECEIPT}:{min(ids)}:email" for job, ids in signed}
    rows = [
        Delivery(
            school_id=school_id,
            person_id=job.rows[0]["person_id"],
            key=keys[id(job)],
            channel="email",
            purpose=RECEIPT,
            address=emails[job.rows[0]["person_id"]],
        )
        for job, _ in signed
        if emails.get(job.rows[0]["person_id"])
    ]
    if not rows:
        return
    await Delivery.bulk_create(rows, using_db=conn)
    # Read back by key: bulk_create does not hand back ids on every backend.
    found = dict(
        await Delivery.filter(key__in=[r.key for r in rows]).using_db(conn).values_list("key", "id")
    )
    for job, _ in signed:
        job.receipt_id = found.get(keys[id(job)])


async def _stamp(jobs: list[OpenJob], conn: BaseDBAsyncClient) -> dict[int, list[int]]:
    if not jobs:
        return {}
    ids = {j.invitation_id for j in jobs}
    rows = (
        await Invitation.filter(id__in=ids, opened_at__isnull=True)
        .select_for_update()
        .using_db(conn)
        .values_list("id", flat=True)
    )
    fresh: set[int] = {int(str(i)) for i in rows}
    if fresh:
        await Invitation.filter(id__in=fresh).using_db(conn).update(opened_at=jobs[0].at)
    results: dict[int, list[int]] = {}
    for job in jobs:  # the same link opened twice in one batch is recorded once
        results[id(job)] = [job.invitation_id] if job.invitation_id in fresh else []
        fresh.discard(job.invitation_id)
    return results


def _with_ids(job: _Job, ids: list[int]) -> Event:
    if isinstance(job, SignJob):
        return Event(
            job.event.action,
            job.event.actor,
            job.event.subject,
            {**job.event.data, "acknowledgement_ids": ids},
        )
    return job.event
