"""Reading a published agreement: policies are public documents, so no sign-in is needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.core.agreements import Agreement, AgreementVersion, School
from portal.store.agreements import load_agreement
from portal.store.models import Agreement as AgreementRow
from portal.store.models import School as SchoolRow


@dataclass(frozen=True, slots=True)
class Reading:
    school: School
    agreement: Agreement
    version: AgreementVersion
    in_force: bool


async def read_agreement(
    school_slug: str, agreement_slug: str, label: str | None, today: date
) -> Reading | None:
    """The version asked for (default: the one in force today), or None if there is none."""
    school = await SchoolRow.get_or_none(slug=school_slug)
    if school is None:
        return None
    row = await AgreementRow.get_or_none(school=school, slug=agreement_slug)
    if row is None:
        return None
    agreement = await load_agreement(row)
    current = agreement.in_force(today)
    version = agreement.version(label) if label else current
    if version is None:
        return None
    return Reading(
        school=School(slug=school.slug, name=school.name, timezone=school.timezone),
        agreement=agreement,
        version=version,
        in_force=version == current,
    )
