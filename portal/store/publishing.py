"""What the agreements pages read: a school's agreements, their versions, who published them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.core import agreements as core
from portal.store.agreements import load_agreement
from portal.store.models import Agreement, AgreementVersion, School


@dataclass(frozen=True, slots=True)
class Publication:
    label: str
    published_at: datetime
    published_by: str


async def agreement(school: School, slug: str) -> core.Agreement | None:
    row = await Agreement.get_or_none(school=school, slug=slug)
    return await load_agreement(row) if row is not None else None


async def agreements(school: School) -> list[core.Agreement]:
    rows = await Agreement.filter(school=school).order_by("title", "id")
    return [await load_agreement(row) for row in rows]


async def publications(school: School, slug: str) -> dict[str, Publication]:
    rows = await AgreementVersion.filter(school=school, agreement__slug=slug)
    return {r.label: Publication(r.label, r.published_at, r.published_by) for r in rows}


async def agreement_by_id(agreement_id: int) -> core.Agreement | None:
    row = await Agreement.get_or_none(id=agreement_id)
    return await load_agreement(row) if row is not None else None
