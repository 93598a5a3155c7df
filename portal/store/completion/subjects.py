# ruff: noqa: S608  -- the SQL is put together from fixed text, table aliases and int()-checked
# ids only; every value that comes from outside is a bound parameter.
"""One page of ranked subjects, filtered, with their teams or responsible adults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from portal.store.completion.ranking import Ranking, with_clause
from portal.store.completion.rows import Filter, Spec, SubjectRow
from portal.store.completion.statement import Sql, default_connection
from portal.store.models import Guardianship, TeamMembership


async def subjects(
    spec: Spec,
    where: Filter,
    *,
    limit: int,
    offset: int = 0,
    after: tuple[str, int] | None = None,
) -> list[SubjectRow]:
    """One page of subjects with their rank, ordered by name; `after` continues past a row."""
    sql = Sql.on(default_connection())
    text = f"{with_clause(sql, [Ranking(spec, sql, detail=True)])} SELECT * FROM st WHERE 1 = 1"
    text += _where(spec, where, sql)
    if after is not None:
        text += f" AND (st.name > {sql.p(after[0])} OR (st.name = {sql.p(after[0])}"
        text += f" AND st.sid > {sql.p(after[1])}))"
    text += f" ORDER BY st.name, st.sid LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = await sql.run(text)
    ids = [r["sid"] for r in rows]
    if spec.audience == "staff":
        names = await _team_names(ids)
        return [_subject(r, teams=tuple(names.get(r["sid"], ()))) for r in rows]
    adults = await _adults(ids)
    return [_subject(r, adults=tuple(adults.get(r["sid"], ()))) for r in rows]


async def count_subjects(spec: Spec, where: Filter) -> int:
    sql = Sql.on(default_connection())
    text = f"{with_clause(sql, [Ranking(spec, sql)])} SELECT COUNT(*) AS n FROM st WHERE 1 = 1"
    rows = await sql.run(text + _where(spec, where, sql))
    return int(rows[0]["n"])


def _where(spec: Spec, where: Filter, sql: Sql) -> str:
    text = ""
    if where.rank is not None:
        text += f" AND st.r = {sql.p(where.rank)}"
    if spec.audience == "staff":
        if where.team_id is not None:
            text += (
                " AND EXISTS (SELECT 1 FROM team_membership tm WHERE tm.person_id = st.sid"
                f" AND tm.team_id = {sql.p(where.team_id)})"
            )
        elif where.no_team:
            text += " AND NOT EXISTS (SELECT 1 FROM team_membership tm WHERE tm.person_id = st.sid)"
        return text
    if where.year_group is not None:
        text += f" AND st.yg = {sql.p(where.year_group)}"
    if where.form is not None:
        text += f" AND st.form = {sql.p(where.form)}"
    return text


def _subject(row: dict[str, Any], **extra: Any) -> SubjectRow:
    return SubjectRow(
        id=row["sid"],
        full_name=row["name"],
        rank=row["r"],
        latest_at=_instant(row["latest_at"]),
        latest_group=row["latest_group"],
        email=row["email"],
        year_group=row.get("yg") or "",
        form=row.get("form") or "",
        **extra,
    )


def _instant(value: datetime | str | None) -> datetime | None:
    # SQLite hands an aggregate's timestamp back as the text it stored.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def _team_names(person_ids: list[int]) -> dict[int, list[str]]:
    rows = (
        await TeamMembership.filter(person_id__in=person_ids)
        .order_by("team__name")
        .values_list("person_id", "team__name")
    )
    names: dict[int, list[str]] = {}
    for person_id, name in rows:
        names.setdefault(person_id, []).append(name)
    return names


async def _adults(pupil_ids: list[int]) -> dict[int, list[tuple[int, str, str | None]]]:
    rows = (
        await Guardianship.filter(
            pupil_id__in=pupil_ids,
            parental_responsibility=True,
            left_at__isnull=True,
            parent__left_at__isnull=True,
        )
        .order_by("priority", "parent__full_name")
        .values_list("pupil_id", "parent_id", "parent__full_name", "parent__email")
    )
    adults: dict[int, list[tuple[int, str, str | None]]] = {}
    for pupil_id, *adult in rows:
        adults.setdefault(pupil_id, []).append(tuple(adult))
    return adults
