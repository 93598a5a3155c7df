"""A fresh sign link on request, emailed to the address on file: for the parent whose link ran
out, or who cannot find the email.

The request names only an email address, and the answer never says whether it is on anyone's
records: links go to that address alone, and only for what a school already asked that person
to sign and is still unsigned. A person gets at most one such email in `WAIT`, so the form
cannot be used to flood someone's inbox.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from portal.settings import Settings
from portal.store.models import Invitation, Person
from portal.usecases.invitations import resend
from portal.usecases.sign_links import LinkState, load_link

log = logging.getLogger(__name__)

ACTOR = "new-link request"
WAIT = timedelta(minutes=15)
MAX_ADDRESS = 254


class AddressError(ValueError):
    """What was typed cannot be an email address."""


def checked_address(raw: str) -> str:
    address = raw.strip()
    if not address:
        raise AddressError("Enter your email address")
    local, at, domain = address.rpartition("@")
    if len(address) > MAX_ADDRESS or not at or not local or "." not in domain or " " in address:
        raise AddressError("Enter an email address like name@example.com")
    return address


async def send_new_links(settings: Settings, address: str, now: datetime) -> int:
    """Email a new link for each unsigned invitation of the person(s) with this address; how
    many were sent (for the log: the page that asked never says)."""
    sent = 0
    for person in await Person.filter(email__iexact=address, left_at__isnull=True):
        if await _asked_lately(person.id, now):
            continue
        for invitation in await _renewable(person.id, now):
            report = await resend(settings, invitation.id, ACTOR)
            sent += len(report.sent)
    log.info("new-link request: %d link(s) sent", sent)
    return sent


async def _asked_lately(person_id: int, now: datetime) -> bool:
    return await Invitation.filter(
        person_id=person_id, created_by=ACTOR, created_at__gte=now - WAIT
    ).exists()


async def _renewable(person_id: int, now: datetime) -> list[Invitation]:
    """The person's latest invitation per agreement, where it is still theirs to use (not
    withdrawn) and not yet signed."""
    latest: dict[int, Invitation] = {}
    for invitation in await Invitation.filter(person_id=person_id).order_by("-created_at", "-id"):
        latest.setdefault(invitation.agreement_id, invitation)  # type: ignore[attr-defined]
    return [i for i in _unrevoked(latest.values()) if await _still_owed(i, now)]


def _unrevoked(invitations: Iterable[Invitation]) -> list[Invitation]:
    # A link stopped as "not me", for a leaver or by the office is the office's to reissue.
    return [i for i in invitations if i.revoked_at is None]


async def _still_owed(invitation: Invitation, now: datetime) -> bool:
    # A link for a version since replaced is renewed for the version in force (`resend`).
    link = await load_link(invitation.id, now)
    return link.state in {LinkState.OPEN, LinkState.EXPIRED, LinkState.SUPERSEDED}
