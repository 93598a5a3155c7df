"""Reading and writing campaigns, their progress and the school's term dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from portal.store import audit
from portal.store.campaign_models import Campaign, TermDates
from portal.store.models import (
    Agreement,
    AgreementVersion,
    Delivery,
    Guardianship,
    Invitation,
    Person,
    Pupil,
    School,
    StaffTeam,
    TeamMembership,
)

ACTIVE = ("sending", "sent")


def subject(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


async def create(school: School, fields: Mapping[str, Any], actor: str) -> Campaign:
    async with in_transaction() as conn:
        campaign = await Campaign.create(school=school, created_by=actor, using_db=conn, **fields)
        await audit.record(
            "campaign.created",
            actor=actor,
            subject=subject(campaign.id),
            school=school,
            connection=conn,
            data={k: v for k, v in fields.items() if k not in {"agreement", "version"}}
            | {"agreement_id": campaign.agreement_id, "version_id": campaign.version_id},  # type: ignore[attr-defined]
        )
    return campaign


async def get(school: School, campaign_id: int) -> Campaign | None:
    """Only ever within the school: another school's campaign is not found."""
    return await Campaign.get_or_none(id=campaign_id, school_id=school.id)


async def listing(school: School) -> list[dict[str, Any]]:
    return (
        await Campaign.filter(school_id=school.id)
        .order_by("-created_at", "-id")
        .values(
            "id",
            "name",
            "status",
            "created_at",
            "started_at",
            "total",
            "processed",
            "emailed",
            "on_paper",
            "failed",
            "reminders_sent",
            "agreement__title",
            "agreement__slug",
            "version__label",
        )
    )


async def active() -> list[Campaign]:
    return await Campaign.filter(status="sent").order_by("id")


async def claim_sending(campaign: Campaign, now: datetime, *, resume_before: datetime) -> bool:
    """Take the right to send: from a draft, again once sent (for newcomers), or from a send
    that stopped making progress. Each is a conditional update, so one click wins."""
    if await Campaign.filter(id=campaign.id, status="draft").update(
        status="sending", started_at=now, progress_at=now
    ):
        return True
    if await Campaign.filter(id=campaign.id, status="sent").update(
        status="sending", progress_at=now
    ):
        return True
    stalled = await Campaign.filter(
        id=campaign.id, status="sending", progress_at__lt=resume_before
    ).update(progress_at=now)
    return bool(stalled)


async def set_total(campaign_id: int, total: int, now: datetime) -> None:
    """A send run starts: its own progress from zero; `emailed` keeps counting across runs."""
    await Campaign.filter(id=campaign_id).update(
        total=total, processed=0, on_paper=0, failed=0, progress_at=now
    )


async def add_progress(campaign_id: int, counts: Mapping[str, int], now: datetime) -> None:
    changes: dict[str, Any] = {k: F(k) + n for k, n in counts.items() if n}
    if changes:
        await Campaign.filter(id=campaign_id).update(progress_at=now, **changes)


async def finish_sending(campaign: Campaign, school: School, actor: str, now: datetime) -> None:
    async with in_transaction() as conn:
        await Campaign.filter(id=campaign.id).using_db(conn).update(status="sent", finished_at=now)
        row = await Campaign.filter(id=campaign.id).using_db(conn).get()
        await audit.record(
            "campaign.sent",
            actor=actor,
            subject=subject(campaign.id),
            school=school,
            connection=conn,
            data={
                "total": row.total,
                "emailed": row.emailed,
                "on_paper": row.on_paper,
                "failed": row.failed,
            },
        )


async def close(campaign: Campaign, school: School, actor: str) -> bool:
    async with in_transaction() as conn:
        changed = (
            await Campaign.filter(id=campaign.id)
            .exclude(status="closed")
            .using_db(conn)
            .update(status="closed")
        )
        if changed:
            await audit.record(
                "campaign.closed",
                actor=actor,
                subject=subject(campaign.id),
                school=school,
                connection=conn,
                data={},
            )
    return bool(changed)


async def reminder_sent(campaign_id: int, step: int, now: datetime) -> None:
    """Steps only ever move forward, so two runs finishing the same step agree."""
    await Campaign.filter(id=campaign_id, reminders_sent__lt=step).update(
        reminders_sent=step, last_reminder_at=now
    )


async def stamp_invitations(campaign_id: int, invitation_ids: Iterable[int]) -> None:
    ids = list(invitation_ids)
    if ids:
        await Invitation.filter(id__in=ids, campaign_id__isnull=True).update(
            campaign_id=campaign_id
        )


async def agreement_rows(school: School) -> list[dict[str, Any]]:
    return (
        await Agreement.filter(school_id=school.id)
        .order_by("title")
        .values("id", "slug", "title", "audience", "signers")
    )


async def agreement_row(school: School, slug: str) -> Agreement | None:
    return await Agreement.get_or_none(school_id=school.id, slug=slug)


async def version_row(agreement_id: int, label: str) -> AgreementVersion | None:
    return await AgreementVersion.get_or_none(agreement_id=agreement_id, label=label)


async def year_groups_and_classes(school: School) -> list[tuple[str, str]]:
    rows = (
        await Pupil.filter(school_id=school.id, left_at__isnull=True)
        .distinct()
        .values_list("year_group", "form")
    )
    return sorted(set(rows))


async def teams(school: School) -> list[tuple[int, str]]:
    return await StaffTeam.filter(school_id=school.id).order_by("name").values_list("id", "name")


async def team_members(school: School, team_ids: Iterable[int]) -> set[int]:
    rows = await TeamMembership.filter(school_id=school.id, team_id__in=list(team_ids)).values_list(
        "person_id", flat=True
    )
    return set(rows)  # type: ignore[arg-type]


async def person(school: School, person_id: int) -> Person | None:
    return await Person.get_or_none(id=person_id, school_id=school.id)


async def responsible_for(school: School, person_id: int) -> list[Pupil]:
    """The current pupils this adult has parental responsibility for."""
    ids = await Guardianship.filter(
        school_id=school.id,
        parent_id=person_id,
        parental_responsibility=True,
        left_at__isnull=True,
        pupil__left_at__isnull=True,
    ).values_list("pupil_id", flat=True)
    return await Pupil.filter(id__in=list(ids)).order_by("full_name")


async def terms(school: School) -> list[TermDates]:
    return await TermDates.filter(school_id=school.id).order_by("starts_on")


async def add_term(school: School, name: str, starts_on: date, ends_on: date, actor: str) -> None:
    async with in_transaction() as conn:
        term = await TermDates.create(
            school=school, name=name, starts_on=starts_on, ends_on=ends_on, using_db=conn
        )
        await audit.record(
            "term_dates.added",
            actor=actor,
            subject=f"term:{term.id}",
            school=school,
            connection=conn,
            data={"name": name, "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
        )


async def remove_term(school: School, term_id: int, actor: str) -> bool:
    async with in_transaction() as conn:
        removed = await TermDates.filter(id=term_id, school_id=school.id).using_db(conn).delete()
        if removed:
            await audit.record(
                "term_dates.removed",
                actor=actor,
                subject=f"term:{term_id}",
                school=school,
                connection=conn,
                data={},
            )
    return bool(removed)


async def agreement_and_version(campaign: Campaign) -> tuple[Agreement, AgreementVersion]:
    agreement = await Agreement.get(id=campaign.agreement_id)  # type: ignore[attr-defined]
    version = await AgreementVersion.get(id=campaign.version_id)  # type: ignore[attr-defined]
    return agreement, version


async def note_recorded(
    school: School, person_id: int, actor: str, data: Mapping[str, Any]
) -> None:
    """The office's reason for a signature it recorded, in the audit chain beside the signature."""
    async with in_transaction() as conn:
        await audit.record(
            "agreement.recorded_by_staff",
            actor=actor,
            subject=f"person:{person_id}",
            school=school,
            data=data,
            connection=conn,
        )


async def set_delivery_step(key: str, step: int) -> None:
    await Delivery.filter(key=key).update(step=step)


async def school_of(campaign: Campaign) -> School:
    return await School.get(id=campaign.school_id)  # type: ignore[attr-defined]
