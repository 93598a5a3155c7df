"""Everything the school holds as evidence for one person, in one JSON document for an inspector.

Their acknowledgements (with how each was given and at what assurance), the exact texts they
signed with their SHA-256, their links and messages, and the audit entries about them with their
hashes, plus whether the school's audit chain verifies end to end.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from portal.store import audit
from portal.store import evidence_bundle as store
from portal.store.models import School

FORMAT = "signoff-evidence-bundle/1"


async def person_bundle(
    school: School, person_id: int, now: datetime | None = None
) -> dict[str, Any] | None:
    """None when the person is not in this school."""
    person = await store.person(school, person_id)
    if person is None:
        return None
    invitations = await store.invitations(person_id)
    subjects = [f"person:{person_id}", *(f"invitation:{i['id']}" for i in invitations)]
    count, problem = await audit.verify(school.slug)
    return {
        "format": FORMAT,
        "generated_at": (now or datetime.now(UTC)).isoformat(),
        "school": {"slug": school.slug, "name": school.name, "timezone": school.timezone},
        "person": person,
        "pupils": await store.pupils(person_id),
        "acknowledgements": await store.acknowledgements(person_id),
        "versions_signed": await store.versions(await store.version_ids(person_id)),
        "invitations": invitations,
        "deliveries": await store.deliveries(person_id),
        "audit_events": await store.audit_events(school, subjects),
        "audit_chain": {
            "chain": school.slug,
            "entries": count,
            "intact": problem is None,
            "problem": None
            if problem is None
            else {"seq": problem.seq, "problem": problem.problem},
        },
    }


def to_json(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, indent=2, ensure_ascii=False, default=_plain)


def _plain(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in an evidence bundle")
