"""What one member of staff is bound by today, and where they stand with each agreement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal.core.agreements import Agreement, Audience
from portal.core.renewals import Signature, Standing, school_day, standing
from portal.store.agreements import load_agreements
from portal.store.models import Acknowledgement, AgreementVersion, Person, School


@dataclass(frozen=True, slots=True)
class Mine:
    """One agreement a person is bound by, and where they stand with it today."""

    agreement: Agreement
    standing: Standing


def today_at(school: School) -> date:
    """Cycles and due dates run on the school's calendar, not the server's."""
    return datetime.now(ZoneInfo(school.timezone)).date()


async def staff_agreement(school: School, slug: str) -> Agreement | None:
    found = [a for a in await load_agreements(school.slug) if a.slug == slug]
    return found[0] if found and found[0].audience is Audience.STAFF else None


async def my_agreements(school: School, person: Person, due_soon_days: int) -> list[Mine]:
    today = today_at(school)
    agreements = [
        a
        for a in await load_agreements(school.slug)
        if a.audience is Audience.STAFF and a.in_force(today) is not None
    ]
    signed = await _signatures(person, ZoneInfo(school.timezone))
    return [Mine(a, standing(a, signed[a.slug], today, due_soon_days)) for a in agreements]


async def _signatures(person: Person, zone: ZoneInfo) -> dict[str, list[Signature]]:
    rows = await Acknowledgement.filter(person=person, subject_key="self").values_list(
        "agreement__slug", "version__label", "signed_at", "round"
    )
    by_agreement: dict[str, list[Signature]] = defaultdict(list)
    for slug, label, signed_at, round_ in rows:
        by_agreement[str(slug)].append(
            Signature(str(label), school_day(signed_at, zone), int(round_))
        )
    return by_agreement


async def version_ids(school: School, slug: str, label: str) -> tuple[int, int] | None:
    """The stored (agreement id, version id) of one published version."""
    row = (
        await AgreementVersion.filter(school=school, agreement__slug=slug, label=label)
        .first()
        .values("id", "agreement_id")
    )
    return (int(row["agreement_id"]), int(row["id"])) if row else None
