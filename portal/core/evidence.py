"""The append-only audit chain: each entry carries the hash of the one before it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

GENESIS = "0" * 64


class Assurance(StrEnum):
    """How sure we are that the named person is the one who signed."""

    EMAIL_LINK = "email-link"
    """Possession of a link sent to the person's address on the school roster."""
    CHAT_IDENTITY = "chat-identity"
    """Signed in to the school's Slack or Teams, matched to the roster by email."""
    SIGNED_IN = "signed-in"
    """Signed in to the portal."""
    RECORDED_BY_STAFF = "recorded-by-staff"
    """A paper slip or phone call recorded by the office: lower assurance."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    action: str
    actor: str
    subject: str
    data: Mapping[str, Any]
    prev_hash: str
    hash: str = ""


def canonical(entry: AuditEntry) -> bytes:
    """The bytes an entry's hash covers; stable across databases and Python versions."""
    body = {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "action": entry.action,
        "actor": entry.actor,
        "subject": entry.subject,
        "data": entry.data,
        "prev": entry.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def seal(entry: AuditEntry) -> AuditEntry:
    return AuditEntry(
        seq=entry.seq,
        at=entry.at,
        action=entry.action,
        actor=entry.actor,
        subject=entry.subject,
        data=entry.data,
        prev_hash=entry.prev_hash,
        hash=entry_hash(entry),
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    problem: str


def verify_chain(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first entry that was altered, removed or inserted out of order, if any."""
    prev, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(entry.seq, f"expected entry {expected_seq}, found {entry.seq}")
        if entry.prev_hash != prev:
            return ChainBreak(entry.seq, "does not follow the entry before it")
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.seq, "its content does not match its hash")
        prev, expected_seq = entry.hash, expected_seq + 1
    return None


_NAME_PART = re.compile(r"[^\W\d_]+")


def same_signer(typed_name: str, name_on_record: str) -> bool:
    """Whether a typed name could be the person on record: at least one name in common, whatever
    the case, punctuation and order ("Smith, Jane", "jane smith", "J Smith"). A typed name with
    nothing in common is worth a look: another adult may have used the link."""
    typed = {p.casefold() for p in _NAME_PART.findall(typed_name) if len(p) > 1}
    recorded = {p.casefold() for p in _NAME_PART.findall(name_on_record) if len(p) > 1}
    return bool(typed & recorded) or not typed or not recorded
