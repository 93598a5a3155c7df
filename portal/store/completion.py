# ruff: noqa: S608  -- the SQL is put together from fixed text, table aliases and int()-checked
# ids only; every value that comes from outside is a bound parameter.
"""Completion counted by the database: one aggregate query per agreement, whatever the head count.

Each subject (a member of staff, or a pupil for parent agreements) gets a rank from its latest
signature, compared with instants the caller computed from `core.completion.Boundaries`:

    0 never signed, 1 superseded, 2 overdue, 3 due soon, 4 current.

"Latest" follows `renewals.standing()`: the signature of the newest version first, then the most
recent. Versions are grouped by effective date, newest first; per subject the query takes the last
signing time within each group (`s0`, `s1`, …), and the first non-null of those is the latest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

from portal.store.models import AgreementVersion, Guardianship, StaffTeam, TeamMembership


@dataclass(frozen=True, slots=True)
class VersionRow:
    id: int
    label: str
    effective: date
    material: bool
    sha256: str


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: int
    school_id: int
    slug: str
    title: str
    audience: str
    renewal: str
    anchor: str
    signers: str
    versions: tuple[VersionRow, ...]


@dataclass(frozen=True, slots=True)
class Spec:
    """What the query needs to rank one agreement's subjects."""

    school_id: int
    agreement_id: int
    audience: str  # staff | parent
    every: bool
    """Parent agreements: every adult with parental responsibility must sign (else any one)."""
    groups: tuple[tuple[int, ...], ...]
    """Version ids by effective date, newest first."""
    current_groups: int
    """How many leading groups are not superseded."""
    overdue_at: datetime | None
    due_soon_at: datetime | None


@dataclass(frozen=True, slots=True)
class Filter:
    rank: int | None = None
    year_group: str | None = None
    form: str | None = None
    team_id: int | None = None
    no_team: bool = False


@dataclass(frozen=True, slots=True)
class CountRow:
    """How many subjects of one group stand at one rank."""

    rank: int
    count: int
    year_group: str = ""
    form: str = ""
    team_id: int | None = None
    everyone: bool = False
    """Staff only: the row counts everyone once, whatever their teams."""


@dataclass(frozen=True, slots=True)
class SubjectRow:
    id: int
    full_name: str
    rank: int
    latest_at: datetime | None
    latest_group: int | None
    email: str | None = None
    year_group: str = ""
    form: str = ""
    teams: tuple[str, ...] = ()
    adults: tuple[tuple[int, str, str | None], ...] = field(default=())
    """Parent agreements: (id, name, email) of each adult with parental responsibility."""


_AGREEMENT = ("id", "school_id", "slug", "title", "audience", "renewal", "anchor", "signers")
_VERSION = ("id", "label", "effective", "material", "sha256")


async def agreements(school_ids: Sequence[int], slug: str | None = None) -> list[AgreementRow]:
    """The agreements of these schools with their versions (no texts: the counts need none).

    One query, from the versions: an agreement is only ever stored with its first version.
    """
    query = AgreementVersion.filter(agreement__school_id__in=list(school_ids))
    if slug is not None:
        query = query.filter(agreement__slug=slug)
    rows = await query.order_by(
        "agreement__school_id", "agreement__title", "agreement_id", "effective", "id"
    ).values(*(f"agreement__{f}" for f in _AGREEMENT), *_VERSION)
    found: dict[int, tuple[dict[str, Any], list[VersionRow]]] = {}
    for row in rows:
        _, versions = found.setdefault(
            row["agreement__id"], ({f: row[f"agreement__{f}"] for f in _AGREEMENT}, [])
        )
        versions.append(VersionRow(*(row[f] for f in _VERSION)))
    return [AgreementRow(**head, versions=tuple(versions)) for head, versions in found.values()]


async def teams(school_id: int) -> dict[int, str]:
    return dict(await StaffTeam.filter(school_id=school_id).values_list("id", "name"))


async def counts(spec: Spec) -> list[CountRow]:
    return (await school_counts([spec]))[spec.agreement_id]


async def school_counts(specs: Sequence[Spec]) -> dict[int, list[CountRow]]:
    """Subjects per rank and group for each of one school's agreements, in one statement.

    Staff come by team (a row per team, and rows marked `everyone` counting each person once);
    pupils by year group and class. The school's responsible adults are worked out once.
    """
    if not specs:
        return {}
    connection = _connection()
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
    sql = _Sql(numbered)
    rankings = [_Ranking(spec, sql, suffix=f"_{n}") for n, spec in enumerate(specs)]
    return _with(sql, rankings) + " UNION ALL ".join(_grouped(r) for r in rankings), sql.values


def _grouped(ranking: _Ranking) -> str:
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
    sql = _Sql.on(_connection())
    rankings = [_Ranking(spec, sql, suffix=f"_{n}") for n, spec in enumerate(specs)]
    text = _with(sql, rankings) + " UNION ALL ".join(
        f"SELECT {int(r.spec.agreement_id)} AS k, st{r.suffix}.r, COUNT(*) AS n"
        f" FROM st{r.suffix} GROUP BY st{r.suffix}.r"
        for r in rankings
    )
    found: dict[int, dict[int, int]] = {spec.agreement_id: {} for spec in specs}
    for row in await sql.run(text):
        found[row["k"]][row["r"]] = row["n"]
    return found


async def subjects(
    spec: Spec,
    where: Filter,
    *,
    limit: int,
    offset: int = 0,
    after: tuple[str, int] | None = None,
) -> list[SubjectRow]:
    """One page of subjects with their rank, ordered by name; `after` continues past a row."""
    sql = _Sql.on(_connection())
    text = f"{_with(sql, [_Ranking(spec, sql, detail=True)])} SELECT * FROM st WHERE 1 = 1"
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
    sql = _Sql.on(_connection())
    text = f"{_with(sql, [_Ranking(spec, sql)])} SELECT COUNT(*) AS n FROM st WHERE 1 = 1"
    rows = await sql.run(text + _where(spec, where, sql))
    return int(rows[0]["n"])


def _connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


class _Sql:
    """Collects bind values and writes each dialect's placeholder.

    SQLite's placeholders are positional, so text must be built in the order it reads.
    """

    def __init__(self, numbered: bool, connection: BaseDBAsyncClient | None = None) -> None:
        self.numbered, self.connection = numbered, connection
        self.values: list[Any] = []

    @classmethod
    def on(cls, connection: BaseDBAsyncClient) -> _Sql:
        return cls(connection.capabilities.dialect == "postgres", connection)

    def p(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.numbered else "?"

    async def run(self, text: str) -> list[dict[str, Any]]:
        assert self.connection is not None
        return await self.connection.execute_query_dict(text, self.values)


def _with(sql: _Sql, rankings: Sequence[_Ranking]) -> str:
    ctes = []
    if any(r.spec.audience != "staff" for r in rankings):
        ctes.append(_responsible(rankings[0].spec, sql))
    for ranking in rankings:
        ctes.extend(ranking.ctes())
    return "WITH " + ", ".join(ctes)


def _responsible(spec: Spec, sql: _Sql) -> str:
    """`ok`: current adults with parental responsibility for the school's pupils."""
    return (
        "ok AS (SELECT g.pupil_id, g.parent_id FROM guardianship g"
        " JOIN person gp ON gp.id = g.parent_id"
        f" WHERE g.school_id = {sql.p(spec.school_id)} AND gp.school_id = {sql.p(spec.school_id)}"
        f" AND g.parental_responsibility = {sql.p(True)} AND g.left_at IS NULL"
        " AND gp.left_at IS NULL)"
    )


def _coalesce(columns: Sequence[str]) -> str:
    # SQLite's coalesce() wants at least two arguments.
    return columns[0] if len(columns) == 1 else f"COALESCE({', '.join(columns)})"


class _Ranking:
    """The CTEs that rank one agreement's subjects, ending in `st<suffix>`.

    Counting needs only the current groups' last signing times and whether anything was signed
    at all; `detail` keeps every group, to show which version someone signed last.
    """

    def __init__(self, spec: Spec, sql: _Sql, *, detail: bool = False, suffix: str = "") -> None:
        self.spec, self.sql, self.detail, self.suffix = spec, sql, detail, suffix
        self.kept = len(spec.groups) if detail else spec.current_groups

    def ctes(self) -> list[str]:
        if self.spec.audience == "staff":
            return self._staff()
        return self._any() if not self.spec.every else self._every()

    def _columns(self, source: str, aggregate: str) -> str:
        """Per group kept, `s<i>`; and `n`, how many signatures there are."""
        if aggregate == "MAX":  # straight from acknowledgement rows
            columns = [
                f"MAX(CASE WHEN a.version_id IN ({', '.join(str(int(v)) for v in group)})"
                f" THEN a.signed_at END) AS s{i}"
                for i, group in enumerate(self.spec.groups[: self.kept])
            ]
            return "".join(f", {c}" for c in [*columns, "COUNT(*) AS n"])
        columns = [f"MAX({source}.s{i}) AS s{i}" for i in range(self.kept)]
        return "".join(f", {c}" for c in [*columns, f"SUM({source}.n) AS n"])

    def _rank(self, alias: str) -> str:
        spec, sql = self.spec, self.sql
        current = [f"{alias}.s{i}" for i in range(spec.current_groups)]
        cases = [f"WHEN {alias}.n IS NULL THEN 0"]
        if not current:
            return f"CASE {cases[0]} ELSE 1 END"
        latest = _coalesce(current)
        if spec.current_groups < len(spec.groups):
            cases.append(f"WHEN {latest} IS NULL THEN 1")
        if spec.overdue_at is not None:
            cases.append(f"WHEN {latest} < {sql.p(spec.overdue_at)} THEN 2")
        if spec.due_soon_at is not None:
            cases.append(f"WHEN {latest} < {sql.p(spec.due_soon_at)} THEN 3")
        return f"CASE {' '.join(cases)} ELSE 4 END"

    def _shown(self, alias: str) -> str:
        """The latest signing time and its group, for showing (detail only)."""
        columns = [f"{alias}.s{i}" for i in range(self.kept)]
        if not self.detail or not columns:
            return ", CAST(NULL AS TIMESTAMP) AS latest_at, CAST(NULL AS INTEGER) AS latest_group"
        cases = " ".join(f"WHEN {c} IS NOT NULL THEN {i}" for i, c in enumerate(columns))
        return f", {_coalesce(columns)} AS latest_at, CASE {cases} END AS latest_group"

    def _staff(self) -> list[str]:
        x, sql = self.suffix, self.sql
        # `pupil_id IS NULL`, not `subject_key = 'self'` (the same rows): the index covers it.
        sig = (
            f"sig{x} AS (SELECT a.person_id AS sid{self._columns('a', 'MAX')}"
            f" FROM acknowledgement a WHERE a.agreement_id = {sql.p(self.spec.agreement_id)}"
            " AND a.pupil_id IS NULL GROUP BY a.person_id)"
        )
        st = (
            f"st{x} AS (SELECT p.id AS sid, p.full_name AS name, p.email AS email,"
            f" {self._rank('sig' + x)} AS r{self._shown('sig' + x)}"
            f" FROM person p LEFT JOIN sig{x} ON sig{x}.sid = p.id"
            f" WHERE p.school_id = {sql.p(self.spec.school_id)} AND p.kind = 'staff'"
            " AND p.left_at IS NULL)"
        )
        return [sig, st]

    def _signed(self) -> str:
        """Per (pupil, adult who signed for them), the signing times by group."""
        x, sql = self.suffix, self.sql
        return (
            f"signed{x} AS (SELECT a.pupil_id, a.person_id{self._columns('a', 'MAX')}"
            f" FROM acknowledgement a WHERE a.agreement_id = {sql.p(self.spec.agreement_id)}"
            " AND a.pupil_id IS NOT NULL GROUP BY a.pupil_id, a.person_id)"
        )

    def _pupils(self, rank: str, shown: str, join: str, group: str = "") -> str:
        return (
            f"st{self.suffix} AS (SELECT pu.id AS sid, pu.full_name AS name,"
            f" CAST(NULL AS TEXT) AS email, pu.year_group AS yg, pu.form AS form, {rank} AS r"
            f"{shown} FROM pupil pu {join}"
            f" WHERE pu.school_id = {self.sql.p(self.spec.school_id)}"
            f" AND pu.left_at IS NULL{group})"
        )

    def _any(self) -> list[str]:
        """A pupil's latest signature is the latest by any adult now responsible for them."""
        x = self.suffix
        ctes = [
            self._signed(),
            f"pairs{x} AS (SELECT signed{x}.* FROM signed{x} JOIN ok"
            f" ON ok.pupil_id = signed{x}.pupil_id AND ok.parent_id = signed{x}.person_id)",
        ]
        columns = self._columns("pairs" + x, "SUM")
        ctes.append(
            f"sig{x} AS (SELECT pairs{x}.pupil_id AS sid{columns}"
            f" FROM pairs{x} GROUP BY pairs{x}.pupil_id)"
        )
        rank, shown = self._rank("sig" + x), self._shown("sig" + x)
        ctes.append(self._pupils(rank, shown, f"LEFT JOIN sig{x} ON sig{x}.sid = pu.id"))
        return ctes

    def _every(self) -> list[str]:
        """A pupil stands where the least-covered of their responsible adults stands."""
        x = self.suffix
        ctes = [self._signed()]
        ctes.append(
            f"pr{x} AS (SELECT ok.pupil_id, {self._rank('sig' + x)} AS r FROM ok"
            f" LEFT JOIN signed{x} sig{x} ON sig{x}.pupil_id = ok.pupil_id"
            f" AND sig{x}.person_id = ok.parent_id)"
        )
        # No single signature stands for the pupil, so none is shown as the latest.
        shown = ", CAST(NULL AS TIMESTAMP) AS latest_at, CAST(NULL AS INTEGER) AS latest_group"
        group = " GROUP BY pu.id, pu.full_name, pu.year_group, pu.form"
        ctes.append(
            self._pupils(
                f"COALESCE(MIN(pr{x}.r), 0)",
                shown,
                f"LEFT JOIN pr{x} ON pr{x}.pupil_id = pu.id",
                group,
            )
        )
        return ctes


def _where(spec: Spec, where: Filter, sql: _Sql) -> str:
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
