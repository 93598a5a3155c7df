"""Signing one agreement version: the one function every channel calls.

The email link, Slack, Teams and the office (paper or phone, lower assurance) differ only in the
evidence they pass; the acknowledgements and their audit entry are always written together.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from portal.core.evidence import Assurance
from portal.core.renewals import counts_on, school_day
from portal.settings import Settings
from portal.store import signing as store
from portal.store.agreements import renewal_rule
from portal.store.audit import Event
from portal.usecases.receipts import send_receipt

SELF = "self"


class SigningError(ValueError):
    """The signature cannot be recorded as asked."""


class TextChanged(SigningError):
    """The text the signer saw is not the version they are signing."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """How the signature was given, kept with each acknowledgement."""

    typed_name: str
    channel: str  # email-link | portal | slack | teams | paper | phone
    assurance: Assurance
    ip: str = ""
    user_agent: str = ""
    invitation_id: int | None = None
    recorded_by: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SignRequest:
    school_id: int
    person_id: int
    agreement_id: int
    version_id: int
    subject_keys: tuple[str, ...]
    """Pupil ids as text for parent agreements; ("self",) for staff."""
    shown_sha256: str
    """SHA-256 of the text the signer was shown; must be the version's."""


@dataclass(frozen=True, slots=True)
class Signing:
    created: bool
    """False when every subject's signature still counts (e.g. a double submit): nothing was
    written, and the ids are of those signatures."""
    acknowledgement_ids: tuple[int, ...]
    signed_at: datetime


async def sign_agreement(
    request: SignRequest,
    evidence: Evidence,
    *,
    settings: Settings | None = None,
    at: datetime | None = None,
    latest: Mapping[str, store.LatestAck] | None = None,
) -> Signing:
    """Record one acknowledgement per subject, in one transaction with its audit entry.

    A subject whose latest acknowledgement of this version still counts on `at` (the school's
    day) is already signed; one whose signature lapsed is signed again in the next round.
    Concurrent or repeated calls work out the same round and collide on the (person, version,
    subject, round) unique constraint: exactly one writes, the others get `created=False` (busy
    moments share one transaction: see portal.store.chain_writer). When `settings` can send
    mail and the signer has an address, the same transaction records the receipt owed; it goes
    out in the background (portal.usecases.receipts), so the signer never waits for the mail
    server. `latest` is each subject's newest round of the version when the caller has just read
    it (the sign link has), to save reading it again.
    """
    version = await _checked_version(request)
    at = at or datetime.now(UTC)
    # The sign link has just read them (its page shows what was signed): no need to ask again.
    latest = dict(latest) if latest is not None else await _latest(request)
    rounds = await _rounds_due(request, latest, at)
    if not rounds:
        return _already_signed(latest, at)
    emailing = settings is not None and bool(settings.smtp_url)
    inserted = await _insert(request, version.sha256, rounds, evidence, at, receipt=emailing)
    if not inserted.ids:  # a concurrent submit wrote the same rounds first
        return _already_signed(await _latest(request), at)
    if settings is not None and inserted.receipt_id is not None:
        send_receipt(settings, inserted.receipt_id)
    return Signing(True, tuple(inserted.ids), at)


async def _insert(
    request: SignRequest,
    sha256: str,
    rounds: dict[str, int],
    evidence: Evidence,
    at: datetime,
    *,
    receipt: bool,
) -> store.Inserted:
    """One submission: a row per subject's due round, with its audit entry and receipt owed."""
    submission = secrets.token_hex(16)
    rows = [
        _row(request, sha256, key, rounds[key], evidence, at, submission) for key in sorted(rounds)
    ]
    event = Event(
        "agreement.signed",
        evidence.recorded_by or f"person:{request.person_id}",
        _audit_subject(request, evidence),
        _audit_data(request, sha256, rounds, evidence, at),
    )
    return await store.insert_acknowledgements(
        rows, school_id=request.school_id, submission=submission, event=event, receipt=receipt
    )


async def _latest(request: SignRequest) -> dict[str, store.LatestAck]:
    return await store.latest_acknowledgements(
        request.person_id, request.version_id, request.subject_keys
    )


async def _rounds_due(
    request: SignRequest, latest: dict[str, store.LatestAck], at: datetime
) -> dict[str, int]:
    """The round to write for each subject not signed on `at`'s day (none when all are)."""
    if not latest:
        return dict.fromkeys(request.subject_keys, 1)
    rule = await renewal_rule(request.version_id)
    today = school_day(at, rule.zone)
    due = {}
    for key in request.subject_keys:
        ack = latest.get(key)
        if ack is None:
            due[key] = 1
        elif not counts_on(rule.renewal, rule.anchor, school_day(ack.signed_at, rule.zone), today):
            due[key] = ack.round + 1
    return due


def _already_signed(latest: dict[str, store.LatestAck], at: datetime) -> Signing:
    return Signing(False, tuple(sorted(a.id for a in latest.values())), at)


async def _checked_version(request: SignRequest) -> store.VersionText:
    version = await store.version_text(request.version_id)
    if version is None or (version.agreement_id, version.school_id) != (
        request.agreement_id,
        request.school_id,
    ):
        raise SigningError("that version does not belong to this agreement")
    if request.shown_sha256 != version.sha256:
        raise TextChanged("the text shown is not the text of this version")
    if not request.subject_keys:
        raise SigningError("nothing to sign for")
    return version


def _row(
    request: SignRequest,
    sha256: str,
    key: str,
    round_: int,
    evidence: Evidence,
    at: datetime,
    submission: str,
) -> dict[str, Any]:
    return {
        "person_id": request.person_id,
        "agreement_id": request.agreement_id,
        "version_id": request.version_id,
        "version_sha256": sha256,
        "pupil_id": None if key == SELF else int(key),
        "subject_key": key,
        "round": round_,
        "signed_at": at,
        "channel": evidence.channel,
        "assurance": evidence.assurance.value,
        "typed_name": evidence.typed_name[:200],
        "ip": evidence.ip[:64],
        "user_agent": evidence.user_agent[:500],
        "invitation_id": evidence.invitation_id,
        "recorded_by": evidence.recorded_by,
        "evidence": {**evidence.details, "submission": submission},
    }


def _audit_subject(request: SignRequest, evidence: Evidence) -> str:
    if evidence.invitation_id is not None:
        return f"invitation:{evidence.invitation_id}"
    return f"person:{request.person_id}"


def _audit_data(
    request: SignRequest, sha256: str, rounds: dict[str, int], evidence: Evidence, at: datetime
) -> dict[str, Any]:
    return {
        "person_id": request.person_id,
        "version_id": request.version_id,
        "sha256": sha256,
        "subjects": sorted(rounds),
        "rounds": {key: rounds[key] for key in sorted(rounds)},
        "signed_at": at.isoformat(),
        "typed_name": evidence.typed_name,
        "channel": evidence.channel,
        "assurance": evidence.assurance.value,
        "ip": evidence.ip,
        "user_agent": evidence.user_agent,
        "invitation_id": evidence.invitation_id,
        "recorded_by": evidence.recorded_by,
    }
