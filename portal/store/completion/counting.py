# ruff: noqa: S608  -- the SQL is put together from fixed text, table aliases and int()-checked
# ids only; every value that comes from outside is a bound parameter.
"""Subjects per rank: by team, year group and class, or in total."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portal.store.completion.ranking import Ranking, with_clause
from portal.store.completion.rows import CountRow, Spec
from portal.store.completion.statement import Sql, default_connection


async def counts(spec: Spec) -> list[CountRow]:
    return (await school_counts([spec]))[spec.agreement_id]


async def school_counts(specs: Sequence[Spec]) -> dict[int, list[CountRow]]:
    """Subjects per rank and group for each of one school's agreements, in one statement.

    Staff come by team (a row per team, and rows marked `everyone` counting each person once);
    pupils by year group and class. The school's responsible adults are worked out once.
    """
    if not specs:
        return {}
    connection = default_connection()
    text, values = counts_sql(specs, numbered=connection.capabilities.dialect == "postgres")
    found: dict[int, list[CountRow]] = {spec.agreement_id: [] for spec in specs}
    for r in await connection.execute_query_dict(text, values):
        found[r["k"]].append(
            CountRow(
                r["r"],
                r["n"],
                year_group=r["yg"] or "",
                form=r["form"] or "",
                team_id=r["team_id"],
                everyone=bool(r["everyone"]),
            )
        )
    return found


def counts_sql(specs: Sequence[Spec], *, numbered: bool) -> tuple[str, list[Any]]:
    """The statement `school_counts` runs, and its values: `numbered` for $1-style placeholders.

    Public so a benchmark can time the same SQL without the ORM.
    """
    sql = Sql(numbered)
    rankings = [Ranking(spec, sql, suffix=f"_{n}") for n, spec in enumerate(specs)]
    return with_clause(sql, rankings) + " UNION ALL ".join(
        _grouped(r) for r in rankings
    ), sql.values


def _grouped(ranking: Ranking) -> str:
    k, st = int(ranking.spec.agreement_id), f"st{ranking.suffix}"

    def select(everyone: int, team: str, yg: str, form: str) -> str:
        return (
            f"SELECT {k} AS k, {everyone} AS everyone, {team} AS team_id, {yg} AS yg,"
            f" {form} AS form, {st}.r AS r, COUNT(*) AS n FROM {st}"
        )

    none, blank = "CAST(NULL AS INTEGER)", "CAST(NULL AS TEXT)"
    if ranking.spec.audience != "staff":
        return f"{select(0, none, f'{st}.yg', f'{st}.form')} GROUP BY {st}.yg, {st}.form, {st}.r"
    return (
        f"{select(1, none, blank, blank)} GROUP BY {st}.r UNION ALL"
        f" {select(0, 'tm.team_id', blank, blank)}"
        f" LEFT JOIN team_membership tm ON tm.person_id = {st}.sid AND tm.team_id IN"
        f" (SELECT t.id FROM staff_team t WHERE t.school_id = {int(ranking.spec.school_id)})"
        f" GROUP BY tm.team_id, {st}.r"
    )


async def school_totals(specs: Sequence[Spec]) -> dict[int, dict[int, int]]:
    """Subjects per rank for each of one school's agreements, in one statement.

    What a trust roll-up needs: no breakdown, and the school's responsible adults worked out
    once for all its parent agreements.
    """
    if not specs:
        return {}
    sql = Sql.on(default_connection())
    rankings = [Ranking(spec, sql, suffix=f"_{n}") for n, spec in enumerate(specs)]
    text = with_clause(sql, rankings) + " UNION ALL ".join(
        f"SELECT {int(r.spec.agreement_id)} AS k, st{r.suffix}.r, COUNT(*) AS n"
        f" FROM st{r.suffix} GROUP BY st{r.suffix}.r"
        for r in rankings
    )
    found: dict[int, dict[int, int]] = {spec.agreement_id: {} for spec in specs}
    for row in await sql.run(text):
        found[row["k"]][row["r"]] = row["n"]
    return found
