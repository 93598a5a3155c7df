"""The rows an evidence bundle for one person gathers: a few queries, all within one school."""

from __future__ import annotations

from typing import Any

from portal.store.models import (
    Acknowledgement,
    AgreementVersion,
    AuditEvent,
    Delivery,
    Guardianship,
    Invitation,
    Person,
    School,
)

_ACK_FIELDS = (
    "id",
    "agreement__slug",
    "agreement__title",
    "version__label",
    "version_sha256",
    "pupil_id",
    "pupil__full_name",
    "subject_key",
    "round",
    "signed_at",
    "channel",
    "assurance",
    "typed_name",
    "ip",
    "user_agent",
    "invitation_id",
    "evidence",
    "recorded_by",
)


async def person(school: School, person_id: int) -> dict[str, Any] | None:
    rows = await Person.filter(id=person_id, school_id=school.id).values(
        "id", "kind", "external_id", "full_name", "email", "phone", "role", "left_at"
    )
    return rows[0] if rows else None


async def pupils(person_id: int) -> list[dict[str, Any]]:
    return (
        await Guardianship.filter(parent_id=person_id)
        .order_by("pupil__full_name")
        .values(
            "pupil_id",
            "pupil__full_name",
            "pupil__year_group",
            "pupil__form",
            "relationship",
            "parental_responsibility",
            "left_at",
        )
    )


async def acknowledgements(person_id: int) -> list[dict[str, Any]]:
    return (
        await Acknowledgement.filter(person_id=person_id)
        .order_by("signed_at", "id")
        .values(*_ACK_FIELDS)
    )


async def versions(ids: set[int]) -> list[dict[str, Any]]:
    return (
        await AgreementVersion.filter(id__in=list(ids))
        .order_by("id")
        .values("id", "agreement__slug", "label", "effective", "sha256", "statement", "text")
    )


async def invitations(person_id: int) -> list[dict[str, Any]]:
    return (
        await Invitation.filter(person_id=person_id)
        .order_by("id")
        .values(
            "id",
            "agreement__slug",
            "agreement__title",
            "version__label",
            "pupil_ids",
            "campaign_id",
            "created_at",
            "created_by",
            "expires_at",
            "opened_at",
            "revoked_at",
            "revoked_reason",
            "replaced_by_id",
        )
    )


async def deliveries(person_id: int) -> list[dict[str, Any]]:
    return (
        await Delivery.filter(person_id=person_id)
        .order_by("id")
        .values(
            "key",
            "channel",
            "purpose",
            "step",
            "address",
            "status",
            "error",
            "created_at",
            "sent_at",
        )
    )


async def audit_events(school: School, subjects: list[str]) -> list[dict[str, Any]]:
    return (
        await AuditEvent.filter(chain=school.slug, subject__in=subjects)
        .order_by("seq")
        .values("seq", "at", "action", "actor", "subject", "data", "prev_hash", "hash")
    )


async def version_ids(person_id: int) -> set[int]:
    return set(
        await Acknowledgement.filter(person_id=person_id).values_list("version_id", flat=True)  # type: ignore[arg-type]
    )
