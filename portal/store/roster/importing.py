"""One import of a school's roster: one transaction, one audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from portal.core import roster as core
from portal.store import audit
from portal.store.models import School
from portal.store.roster.report import ImportReport, TooManyLeavers, UnknownSchool
from portal.store.roster.sync import Progress, Sync

IMPORTED = "roster.imported"


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run, or an import that changed nothing."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report


async def import_roster(
    school_slug: str,
    roster: core.Roster,
    *,
    actor: str,
    source: Mapping[str, str] | None = None,
    dry_run: bool = False,
    allow_leavers: bool = False,
    audit_unchanged: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Bring one school's staff, or its pupils and their contacts, in line with the file.

    `dry_run` reports what would change and saves nothing. A file that would mark too many people
    as left raises TooManyLeavers and saves nothing, unless `allow_leavers`. With
    `audit_unchanged` false, an import that changes nothing leaves no audit entry either (the
    demo runs on every start).
    """
    school = await School.get_or_none(slug=school_slug)
    if school is None:
        raise UnknownSchool(school_slug, sorted(row.slug for row in await School.all()))
    try:
        async with in_transaction() as conn:
            sync = Sync(conn, school, roster, datetime.now(UTC))
            report = await sync.run(progress or _quiet)
            if dry_run or not (report.changed or audit_unchanged):
                raise _Rollback(report)
            if report.too_many_leavers and not allow_leavers:
                report.saved = False
                raise TooManyLeavers(report)  # leaving the transaction undoes everything
            await _record(sync, report, actor, source or {})
    except _Rollback as rollback:
        rollback.report.saved = False
        return rollback.report
    return report


async def _record(sync: Sync, report: ImportReport, actor: str, source: Mapping[str, str]) -> None:
    data = {**report.as_data(), **source, "no_email": len(sync.roster.without_email)}
    if report.too_many_leavers:
        data["leavers_allowed"] = True  # the office overrode the partial-export guard
    await audit.record(
        IMPORTED,
        actor=actor,
        subject=f"{sync.roster.kind} roster",
        school=sync.school,
        data=data,
        connection=sync.conn,
    )


def _quiet(done: int, total: int) -> None:
    pass
