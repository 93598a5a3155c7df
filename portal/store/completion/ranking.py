# ruff: noqa: S608  -- the SQL is put together from fixed text, table aliases and int()-checked
# ids only; every value that comes from outside is a bound parameter.
"""The common table expressions that rank one agreement's subjects."""

from __future__ import annotations

from collections.abc import Sequence

from portal.store.completion.rows import Spec
from portal.store.completion.statement import Sql


def with_clause(sql: Sql, rankings: Sequence[Ranking]) -> str:
    ctes = []
    if any(r.spec.audience != "staff" for r in rankings):
        ctes.append(_responsible(rankings[0].spec, sql))
    for ranking in rankings:
        ctes.extend(ranking.ctes())
    return "WITH " + ", ".join(ctes)


def _responsible(spec: Spec, sql: Sql) -> str:
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


class Ranking:
    """The CTEs that rank one agreement's subjects, ending in `st<suffix>`.

    Counting needs only the current groups' last signing times and whether anything was signed
    at all; `detail` keeps every group, to show which version someone signed last.
    """

    def __init__(self, spec: Spec, sql: Sql, *, detail: bool = False, suffix: str = "") -> None:
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
