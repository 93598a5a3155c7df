"""The rows who-must-sign needs, fetched in a handful of set queries (never one per person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from portal.store.models import (
    Acknowledgement,
    Agreement,
    AgreementVersion,
    Guardianship,
    Person,
    Pupil,
)


@dataclass(frozen=True, slots=True)
class AgreementKey:
    school_id: int
    agreement_id: int
    timezone: str
    versions: dict[int, str]
    """Version id -> label."""


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    full_name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class PupilRow:
    id: int
    full_name: str
    year_group: str
    form: str


@dataclass(frozen=True, slots=True)
class SignatureRow:
    person_id: int
    subject_key: str
    version_label: str
    signed_at: datetime
    round: int


async def agreement_key(school_slug: str, agreement_slug: str) -> AgreementKey | None:
    row = (
        await Agreement.filter(school__slug=school_slug, slug=agreement_slug)
        .first()
        .values("id", "school_id", "school__timezone")
    )
    if row is None:
        return None
    versions = await AgreementVersion.filter(agreement_id=row["id"]).values_list("id", "label")
    labels = {int(v): str(label) for v, label in versions}
    return AgreementKey(row["school_id"], row["id"], row["school__timezone"], labels)


async def current_staff(key: AgreementKey) -> list[PersonRow]:
    rows = (
        await Person.filter(school_id=key.school_id, kind="staff", left_at__isnull=True)
        .order_by("full_name", "id")
        .values_list("id", "full_name", "email")
    )
    return [PersonRow(*r) for r in rows]


async def staff_signatures(key: AgreementKey) -> list[SignatureRow]:
    query = Acknowledgement.filter(
        agreement_id=key.agreement_id,
        subject_key="self",
        person__kind="staff",
        person__left_at__isnull=True,
    )
    return await _signatures(query, key)


def _pupils(school_id: int, year_group: str | None, form: str | None) -> QuerySet[Pupil]:
    query = Pupil.filter(school_id=school_id, left_at__isnull=True)
    if year_group:
        query = query.filter(year_group=year_group)
    if form:
        query = query.filter(form=form)
    return query


async def current_pupils(
    key: AgreementKey, year_group: str | None, form: str | None
) -> list[PupilRow]:
    query = _pupils(key.school_id, year_group, form).order_by("year_group", "form", "full_name")
    return [PupilRow(*r) for r in await query.values_list("id", "full_name", "year_group", "form")]


async def responsible_adults(
    key: AgreementKey, year_group: str | None, form: str | None
) -> list[tuple[PersonRow, int]]:
    """(adult, pupil id) for each current adult with parental responsibility for a current pupil."""
    query = Guardianship.filter(
        school_id=key.school_id,
        parental_responsibility=True,
        left_at__isnull=True,
        parent__left_at__isnull=True,
        pupil_id__in=Subquery(_pupils(key.school_id, year_group, form).values("id")),
    ).order_by("parent__full_name", "parent_id", "priority")
    rows = await query.values_list("parent_id", "parent__full_name", "parent__email", "pupil_id")
    return [(PersonRow(p, n, e), pupil) for p, n, e, pupil in rows]


async def pupil_signatures(
    key: AgreementKey, year_group: str | None, form: str | None
) -> list[SignatureRow]:
    query = Acknowledgement.filter(
        agreement_id=key.agreement_id,
        pupil_id__in=Subquery(_pupils(key.school_id, year_group, form).values("id")),
    )
    return await _signatures(query, key)


async def _signatures(query: QuerySet[Acknowledgement], key: AgreementKey) -> list[SignatureRow]:
    rows = await query.values_list("person_id", "subject_key", "version_id", "signed_at", "round")
    return [
        SignatureRow(p, s, key.versions[v], at, n) for p, s, v, at, n in rows if v in key.versions
    ]
