"""Emailed receipts: owed by the signing transaction, sent off the signer's request.

The Sign button waits for the database, never for the mail server: a slow or throttling relay
in a morning rush must not hold a parent's page, and one connection carries every receipt that
queued up meanwhile. The delivery row is written (pending) with the signature itself
(portal.store.chain_writer), so no receipt is lost silently. The server's mail round
(`send_owed`) sends what the background sender could not: receipts a restart left pending,
receipts whose send a crash abandoned, and receipts the relay could not take for now
(unreachable, or a 4xx "try later"), after a growing wait, up to MAX_ATTEMPTS tries. A receipt
the relay refuses for good (5xx) is marked failed at once. With SIGNOFF_MAIL_WORKER on, the
portal only records the receipt: the mail worker's round (`signoff mail-worker`, every second)
sends it, in a process of its own.

A receipt is claimed before it goes (its status and try count are compared and set in one
update), so two servers, or a round racing the background sender, never send it twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from portal.mail import MailError, Message, render
from portal.per_loop import PerLoop
from portal.settings import Settings
from portal.store.chain_writer import RECEIPT
from portal.store.models import Acknowledgement, Delivery
from portal.store.signing import version_text
from portal.usecases.delivery import LazyMailer
from portal.usecases.invitations import sign_url
from portal.wording import long_time, pupil_names

log = logging.getLogger(__name__)

PURPOSE = RECEIPT
STALE_AFTER = timedelta(minutes=2)
"""A receipt still pending this long after signing lost its sender (the server restarted)."""
ABANDONED_AFTER = timedelta(minutes=10)
"""A send still in progress this long after its claim was cut off by a crash: every SMTP step
times out within 30 s. The relay may have taken it before the crash, so it may arrive twice;
a receipt sent twice is better than none."""
FIRST_RETRY = timedelta(minutes=5)
MAX_ATTEMPTS = 8
"""With the wait doubling from FIRST_RETRY, the last try comes about 10 hours after the first:
long enough to ride out a relay's bad morning, short enough that a receipt still arrives the
day it was signed."""
CONNECTIONS = 2
"""Receipts in flight at once, each sender over its own SMTP connection. With one, a relay that
takes a few milliseconds a message fell behind a rush (bench/sign_rush.py: 15 s of receipts
still owed after 4 s of signing); four caught up sooner but slowed the signatures they share
the server with, and a parent waits on a signature, not on a receipt."""


def send_receipt(settings: Settings, delivery_id: int) -> None:
    """Send a receipt the signing transaction recorded, off the signer's request (or leave it to
    the mail worker's next round)."""
    if not settings.mail_worker:
        _outboxes.get().add(settings, delivery_id)


async def drain() -> None:
    """Wait until every receipt queued in this event loop has been tried (shutdown, tests)."""
    outbox = _outboxes.existing()
    while outbox is not None and outbox.senders:
        await asyncio.wait(set(outbox.senders))


async def send_owed(settings: Settings, now: datetime) -> int:
    """Send the receipts owed and not on their way; how many were sent."""
    owed = await Delivery.filter(purpose=PURPOSE, status__in=("pending", "sending")).values(
        "id", "status", "attempts", "created_at", "claimed_at"
    )
    at_once = settings.mail_worker  # no portal sends it first: nothing to wait for
    due = [
        _Claim(int(r["id"]), r["status"], int(r["attempts"]))
        for r in owed
        if _due(r, now, at_once=at_once)
    ]
    sent = 0
    async with LazyMailer(settings) as mailer:  # one connection for the whole round
        for claim in due:
            sent += await _send(settings, mailer, claim, now)
    return sent


def _due(row: dict[str, Any], now: datetime, *, at_once: bool) -> bool:
    if row["status"] == "sending":
        # A claim from before tries were timed carries no claimed_at: its creation is older still.
        return bool((row["claimed_at"] or row["created_at"]) < now - ABANDONED_AFTER)
    if not row["attempts"]:  # never tried: its sender may still be on its way to it
        return at_once or bool(row["created_at"] < now - STALE_AFTER)
    return bool(row["claimed_at"] < now - retry_wait(row["attempts"]))


def retry_wait(attempts: int) -> timedelta:
    """How long after the start of try `attempts` (1-based) the next one may begin."""
    return FIRST_RETRY * (1 << max(attempts - 1, 0))


class _Outbox:
    """The receipts this event loop owes, and the senders taking them in turn."""

    def __init__(self) -> None:
        self.queued: deque[tuple[Settings, int]] = deque()
        self.senders: set[asyncio.Task[None]] = set()

    def add(self, settings: Settings, delivery_id: int) -> None:
        self.queued.append((settings, delivery_id))
        self._spawn()

    def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        while self.queued and len(self.senders) < min(CONNECTIONS, len(self.queued)):
            task = loop.create_task(self._sender(self.queued[0][0]), name="signoff-receipts")
            self.senders.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.senders.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            # The database went away mid-send, say: the rows stay pending for the mail round.
            log.error("a receipt sender stopped: %r", error, exc_info=error)
        if self.queued:  # owed while the last sender was closing its connection
            self._spawn()

    async def _sender(self, settings: Settings) -> None:
        async with LazyMailer(settings) as mailer:
            while (delivery_id := self._take(settings)) is not None:
                await _send(settings, mailer, _Claim(delivery_id), datetime.now(UTC))

    def _take(self, settings: Settings) -> int | None:
        """The next receipt owed under these settings (one server has one; tests have several)."""
        for i, (owed_under, delivery_id) in enumerate(self.queued):
            if owed_under is settings:
                del self.queued[i]
                return delivery_id
        return None


_outboxes = PerLoop(_Outbox)


@dataclass(frozen=True, slots=True)
class _Claim:
    """A receipt as its sender last saw it: the claim succeeds only if it is still so."""

    delivery_id: int
    status: str = "pending"
    attempts: int = 0


async def _send(settings: Settings, mailer: LazyMailer, claim: _Claim, now: datetime) -> int:
    """Claim and send one receipt, recording the outcome; 1 if it went."""
    delivery_id, attempt = claim.delivery_id, claim.attempts + 1
    # The row as seen is the update's condition, so of two senders that saw the same row only
    # one takes it, and a row another sender has taken since is left to that sender.
    taken = await Delivery.filter(
        id=delivery_id, status=claim.status, attempts=claim.attempts
    ).update(status="sending", attempts=attempt, claimed_at=now)
    if not taken:
        return 0
    try:
        message = await _message(settings, delivery_id)
        await mailer.send(message)
    except MailError as exc:
        final = exc.permanent or attempt >= MAX_ATTEMPTS
        await Delivery.filter(id=delivery_id).update(
            status="failed" if final else "pending", error=str(exc)
        )
        return 0
    except Exception as exc:  # a fault here must not stop the receipts queued behind this one
        log.exception("receipt %s could not be sent", delivery_id)
        await Delivery.filter(id=delivery_id).update(status="failed", error=repr(exc)[:500])
        return 0
    await Delivery.filter(id=delivery_id).update(status="sent", sent_at=datetime.now(UTC), error="")
    return 1


async def _message(settings: Settings, delivery_id: int) -> Message:
    """The receipt, rebuilt from what was stored: the acknowledgements of that one submission.

    Receipts go out while parents are still signing, on the same server: three reads, with what
    each row needs joined in, rather than one query per object.
    """
    [delivery] = await Delivery.filter(id=delivery_id).values("key", "address", "person__full_name")
    first_id = int(delivery["key"].split(":")[1])
    [first] = await Acknowledgement.filter(id=first_id).values(
        "person_id",
        "version_id",
        "round",
        "evidence",
        "signed_at",
        "invitation_id",
        "agreement__title",
        "school__name",
        "school__timezone",
    )
    submission = (first["evidence"] or {}).get("submission")
    acks = await Acknowledgement.filter(
        person_id=first["person_id"], version_id=first["version_id"], round=first["round"]
    ).values("evidence", "pupil__full_name", "pupil__year_group")
    pupils = sorted(
        (
            _Pupil(a["pupil__full_name"], a["pupil__year_group"])
            for a in acks
            if a["pupil__full_name"] is not None
            and (a["evidence"] or {}).get("submission") == submission
        ),
        key=lambda p: p.full_name,
    )
    version = await version_text(first["version_id"])
    assert version is not None
    invitation_id = first["invitation_id"]
    school, title = first["school__name"], first["agreement__title"]
    return render(
        "receipt",
        to=delivery["address"],
        subject=f"Signed: {title} ({school})",
        name=delivery["person__full_name"],
        school=school,
        title=title,
        version=version.label,
        sha256=version.sha256,
        signed=long_time(first["signed_at"], first["school__timezone"]),
        pupils=pupil_names(pupils),
        certificate_url=(
            f"{sign_url(settings, invitation_id)}/certificate.pdf" if invitation_id else ""
        ),
    )


@dataclass(frozen=True, slots=True)
class _Pupil:
    full_name: str
    year_group: str
