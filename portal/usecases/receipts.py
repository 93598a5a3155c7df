"""Emailed receipts: owed in the signing transaction's wake, sent off the signer's request.

The Sign button waits for the database, never for the mail server: a slow or throttling relay
in a morning rush must not hold a parent's page, and one connection carries every receipt that
queued up meanwhile. The delivery row is written (pending) before the request returns, so no
receipt is lost silently: one that a restart left pending is sent by the server's next reminder
round (`send_stale`). A receipt is claimed (pending → sending) before it goes, so two servers,
or a sweep racing the outbox, never send it twice.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from portal.mail import MailError, Message, render
from portal.settings import Settings
from portal.store.models import Acknowledgement, Agreement, Delivery, Person, Pupil, School
from portal.store.signing import version_text
from portal.usecases.delivery import LazyMailer
from portal.usecases.invitations import sign_url
from portal.wording import long_time, pupil_names

log = logging.getLogger(__name__)

PURPOSE = "receipt"
STALE_AFTER = timedelta(minutes=2)
"""A receipt still pending this long after signing lost its sender (the server restarted)."""


async def owe_receipt(
    settings: Settings, *, school_id: int, person_id: int, acknowledgement_ids: Sequence[int]
) -> int | None:
    """Record the receipt owed for a new signature and queue it; its delivery id, or None when
    the signer has no address."""
    person = await Person.get(id=person_id)
    if not person.email:
        return None
    delivery = await Delivery.create(
        school_id=school_id,
        person=person,
        invitation_id=None,
        key=f"{PURPOSE}:{min(acknowledgement_ids)}:email",
        channel="email",
        purpose=PURPOSE,
        address=person.email,
    )
    _outbox().add(settings, delivery.id)
    return delivery.id


async def drain() -> None:
    """Wait until every receipt queued in this event loop has been tried (shutdown, tests)."""
    outbox = _outboxes.get(asyncio.get_running_loop())
    while outbox is not None and outbox.task is not None:
        await asyncio.wait({outbox.task})


async def send_stale(settings: Settings, now: datetime) -> int:
    """Send the receipts left pending for longer than STALE_AFTER; how many were sent."""
    ids = await Delivery.filter(
        purpose=PURPOSE, status="pending", created_at__lt=now - STALE_AFTER
    ).values_list("id", flat=True)
    return await _send_all(settings, [int(str(i)) for i in ids])


class _Outbox:
    """The receipts this event loop owes, sent by one task over one connection at a time."""

    def __init__(self) -> None:
        self.queued: list[tuple[Settings, int]] = []
        self.task: asyncio.Task[None] | None = None

    def add(self, settings: Settings, delivery_id: int) -> None:
        self.queued.append((settings, delivery_id))
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run(), name="signoff-receipts")

    async def _run(self) -> None:
        try:
            await asyncio.sleep(0)  # receipts owed in this same turn share the connection
            while self.queued:
                batch, self.queued = self.queued, []
                by_settings: dict[int, tuple[Settings, list[int]]] = {}
                for settings, delivery_id in batch:
                    by_settings.setdefault(id(settings), (settings, []))[1].append(delivery_id)
                for settings, ids in by_settings.values():
                    await _send_all(settings, ids)
        finally:
            self.task = None
            if self.queued:  # owed while the last connection closed: go round again
                self.task = asyncio.get_running_loop().create_task(self._run())


_outboxes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Outbox] = (
    weakref.WeakKeyDictionary()
)


def _outbox() -> _Outbox:
    loop = asyncio.get_running_loop()
    found = _outboxes.get(loop)
    if found is None:
        _outboxes[loop] = found = _Outbox()
    return found


async def _send_all(settings: Settings, delivery_ids: Sequence[int]) -> int:
    """Send these receipts over one connection; how many went."""
    sent = 0
    async with LazyMailer(settings) as mailer:
        for delivery_id in delivery_ids:
            sent += await _send(settings, mailer, delivery_id)
    return sent


async def _send(settings: Settings, mailer: LazyMailer, delivery_id: int) -> int:
    """Claim and send one receipt, recording the outcome; 1 if it went."""
    if not await Delivery.filter(id=delivery_id, status="pending").update(status="sending"):
        return 0  # another server, or the stale sweep, has it
    try:
        message = await _message(settings, delivery_id)
        await mailer.send(message)
    except MailError as exc:
        await Delivery.filter(id=delivery_id).update(status="failed", error=str(exc))
        return 0
    except Exception as exc:  # a fault here must not stop the receipts queued behind this one
        log.exception("receipt %s could not be sent", delivery_id)
        await Delivery.filter(id=delivery_id).update(status="failed", error=repr(exc)[:500])
        return 0
    await Delivery.filter(id=delivery_id).update(status="sent", sent_at=datetime.now(UTC))
    return 1


async def _message(settings: Settings, delivery_id: int) -> Message:
    """The receipt, rebuilt from what was stored: the acknowledgements of that one submission."""
    delivery = await Delivery.get(id=delivery_id).prefetch_related("person")
    first = await Acknowledgement.get(id=int(delivery.key.split(":")[1]))
    submission = (first.evidence or {}).get("submission")
    acks = [
        a
        for a in await Acknowledgement.filter(
            person_id=first.person_id,  # type: ignore[attr-defined]
            version_id=first.version_id,  # type: ignore[attr-defined]
            round=first.round,
        )
        if (a.evidence or {}).get("submission") == submission
    ]
    school = await School.get(id=delivery.school_id)  # type: ignore[attr-defined]
    agreement = await Agreement.get(id=first.agreement_id)  # type: ignore[attr-defined]
    version = await version_text(first.version_id)  # type: ignore[attr-defined]
    assert version is not None
    pupils = await Pupil.filter(
        id__in=[a.pupil_id for a in acks if a.pupil_id is not None]  # type: ignore[attr-defined]
    ).order_by("full_name")
    invitation_id = first.invitation_id  # type: ignore[attr-defined]
    person: Person = delivery.person
    return render(
        "receipt",
        to=delivery.address,
        subject=f"Signed: {agreement.title} ({school.name})",
        name=person.full_name,
        school=school.name,
        title=agreement.title,
        version=version.label,
        sha256=version.sha256,
        signed=long_time(first.signed_at, school.timezone),
        pupils=pupil_names(pupils),
        certificate_url=(
            f"{sign_url(settings, invitation_id)}/certificate.pdf" if invitation_id else ""
        ),
    )
