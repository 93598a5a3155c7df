"""The filtered people as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterable
from datetime import date

from portal.core.renewals import DEFAULT_DUE_SOON_DAYS
from portal.store import completion as store
from portal.store.models import School
from portal.usecases.dashboard.listing import filter_of, row_of
from portal.usecases.dashboard.plans import Plan, plans_for
from portal.usecases.dashboard.results import STATUS_LABELS, PeopleFilter, Row

_EXPORT_BATCH = 1000
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


async def export_csv(
    school: School,
    slug: str,
    today: date,
    where: PeopleFilter,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> AsyncIterator[str] | None:
    """The filtered people as CSV text, a batch at a time; None for an unknown agreement."""
    plans = await plans_for(school, today, due_soon_days, slug)
    if not plans:
        return None
    return _csv_batches(plans[0], filter_of(where))


def safe_cell(value: object) -> str:
    """A spreadsheet must not run a cell as a formula: such text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_header(plan: Plan) -> list[str]:
    common = ["Status", "Version signed", "Signed on", "Valid until"]
    if plan.spec.audience == "staff":
        return ["Name", "Email", "Teams", *common]
    return ["Pupil", "Year group and class", *common, "Adults with parental responsibility"]


def _csv_cells(plan: Plan, row: Row) -> list[object]:
    common = [STATUS_LABELS[row.status], row.signed_version, row.signed_on, row.valid_until]
    if plan.spec.audience == "staff":
        return [row.full_name, row.email, row.groups, *common]
    adults = "; ".join(f"{a.full_name} <{a.email}>" if a.email else a.full_name for a in row.adults)
    return [row.full_name, row.groups, *common, adults]


def _csv_text(rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in rows:
        writer.writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()


async def _csv_batches(plan: Plan, where: store.Filter) -> AsyncIterator[str]:
    yield _csv_text([_csv_header(plan)])
    after: tuple[str, int] | None = None
    while True:
        batch = await store.subjects(plan.spec, where, limit=_EXPORT_BATCH, after=after)
        if not batch:
            return
        yield _csv_text(_csv_cells(plan, row_of(plan, s)) for s in batch)
        if len(batch) < _EXPORT_BATCH:
            return
        after = (batch[-1].full_name, batch[-1].id)
