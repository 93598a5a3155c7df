"""Each agreement's date rules turned into the instants the completion queries compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from portal.core import agreements as core
from portal.core.completion import boundaries
from portal.store import completion as store
from portal.store.agreements import agreement_of
from portal.store.models import School


@dataclass(frozen=True, slots=True)
class Plan:
    row: store.AgreementRow
    agreement: core.Agreement
    spec: store.Spec
    zone: ZoneInfo
    today: date


def local_today(school: School, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(school.timezone)).date()


async def plans_for(
    school: School, today: date, due_soon_days: int, slug: str | None = None
) -> list[Plan]:
    zone = ZoneInfo(school.timezone)
    rows = await store.agreements([school.id], slug)
    return [_plan(school, row, today, due_soon_days, zone) for row in rows]


def _plan(
    school: School, row: store.AgreementRow, today: date, due_soon_days: int, zone: ZoneInfo
) -> Plan:
    agreement = agreement_of(
        school.slug,
        row,
        (
            core.AgreementVersion(
                label=v.label,
                effective=v.effective,
                text="",
                clauses=(),
                material=v.material,
                sha256=v.sha256,
            )
            for v in row.versions
        ),
    )
    edges = boundaries(agreement, today, due_soon_days)
    effective_days = sorted({v.effective for v in row.versions}, reverse=True)
    groups = tuple(tuple(v.id for v in row.versions if v.effective == d) for d in effective_days)
    material = edges.material_effective
    spec = store.Spec(
        school_id=school.id,
        agreement_id=row.id,
        audience=row.audience,
        every=agreement.signers is core.SignerRule.EVERY,
        groups=groups,
        current_groups=sum(1 for d in effective_days if material is None or d >= material),
        overdue_at=_midnight(edges.overdue_before, zone),
        due_soon_at=_midnight(edges.due_soon_before, zone),
    )
    return Plan(row, agreement, spec, zone, today)


def _midnight(day: date | None, zone: ZoneInfo) -> datetime | None:
    """The instant a school day begins: signatures count by the school's calendar day."""
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
