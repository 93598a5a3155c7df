"""How fast the completion dashboard is for a large trust on PostgreSQL.

    .venv/bin/python -m bench.dashboard [--quick] [--url postgres://postgres@127.0.0.1:5432/test]

Builds a trust (50 schools, 100,000 people, 3,000,000 acknowledgements over six years; --quick:
fewer) in a fresh schema of its own, loaded with COPY, and drops the schema afterwards. Measures one
school's dashboard through the use case against the same SQL aggregate run straight through
asyncpg (`school_sql_ms`, the ORM and Python overhead is the ratio), checks its numbers against a
plain hand-written formulation (DISTINCT ON the latest signature per subject,
`school_naive_sql_ms`), and times the trust roll-up.
Prints one JSON line; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg

from portal.core.renewals import Status
from portal.store import completion as completion_store
from portal.store import db as store_db
from portal.store.models import School
from portal.usecases import dashboard
from portal.usecases.dashboard import plans as dashboard_plans

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
NOW = datetime.now(UTC)
# A new text every September for six years, with a correction one January. Policies are reviewed
# every other year, so only every other September version asks everyone to sign again.
VERSIONS = [(f"{y}-09", date(y, 9, 1), y % 2 == 0) for y in range(NOW.year - 6, NOW.year + 1)]
VERSIONS.insert(4, (f"{NOW.year - 3}-01", date(NOW.year - 3, 1, 1), False))
VERSIONS = [v for v in VERSIONS if v[1] <= NOW.date()]
AGREEMENTS = [  # slug, audience, renewal, anchor, signers
    ("staff-code", "staff", "annual", "academic-year", "any"),
    ("staff-social-media", "staff", "biennial", "academic-year", "any"),
    ("staff-it", "staff", "annual", "rolling", "any"),
    ("staff-safeguarding", "staff", "none", "academic-year", "any"),
    ("home-school", "parent", "annual", "academic-year", "any"),
    ("parent-social-media", "parent", "annual", "academic-year", "every"),
    ("photo-consent", "parent", "annual", "rolling", "any"),
]
TEAMS = ["Teachers", "Teaching assistants", "Office", "Site", "Senior leaders", "Governors"]
YEARS = ["Reception", *(f"Year {n}" for n in range(1, 7))]


@dataclass(frozen=True)
class Size:
    schools: int
    people: int
    acknowledgements: int

    @property
    def people_per_school(self) -> int:
        return self.people // self.schools

    @property
    def acks_per_school(self) -> int:
        return self.acknowledgements // self.schools


FULL = Size(50, 100_000, 3_000_000)
QUICK = Size(8, 16_000, 400_000)


@dataclass
class Ids:
    counters: dict[str, int] = field(default_factory=dict)

    def next(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) + 1
        return self.counters[table]


@dataclass
class Rows:
    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.tables.setdefault(table, []).append(row)


COLUMNS = {
    "school": ("id", "slug", "name", "timezone", "contacts", "created_at"),
    "person": (
        "id",
        "school_id",
        "kind",
        "external_id",
        "full_name",
        "email",
        "phone",
        "role",
        "left_at",
        "created_at",
        "updated_at",
    ),
    "pupil": (
        "id",
        "school_id",
        "external_id",
        "full_name",
        "year_group",
        "form",
        "left_at",
        "created_at",
        "updated_at",
    ),
    "guardianship": (
        "id",
        "school_id",
        "parent_id",
        "pupil_id",
        "relationship",
        "parental_responsibility",
        "priority",
        "left_at",
    ),
    "staff_team": ("id", "school_id", "name"),
    "team_membership": ("id", "school_id", "team_id", "person_id"),
    "agreement": ("id", "school_id", "slug", "title", "audience", "renewal", "anchor", "signers"),
    "agreement_version": (
        "id",
        "school_id",
        "agreement_id",
        "label",
        "effective",
        "text",
        "sha256",
        "material",
        "statement",
        "changes",
        "published_at",
        "published_by",
    ),
    "acknowledgement": (
        "id",
        "school_id",
        "person_id",
        "agreement_id",
        "version_id",
        "version_sha256",
        "pupil_id",
        "subject_key",
        "signed_at",
        "channel",
        "assurance",
        "typed_name",
        "ip",
        "user_agent",
        "invitation_id",
        "evidence",
        "recorded_by",
    ),
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_school(n: int, size: Size, ids: Ids, rows: Rows, rng: random.Random) -> None:
    school_id = ids.next("school")
    rows.add(
        "school", (school_id, f"school-{n:02d}", f"School {n:02d}", "Europe/London", "{}", NOW)
    )
    staff, pairs = _people(school_id, size, ids, rows, rng)
    candidates = [
        (agreement_id, version_ids, person, pupil)
        for agreement_id, audience, version_ids in _agreements(school_id, ids, rows)
        for person, pupil in (pairs if audience == "parent" else [(s, None) for s in staff])
    ]
    per_subject = min(len(VERSIONS), -(-size.acks_per_school // max(1, len(candidates))))
    made = 0
    for agreement_id, version_ids, person, pupil in rng.sample(candidates, len(candidates)):
        for index in sorted(rng.sample(range(len(VERSIONS)), per_subject)):
            if made >= size.acks_per_school:
                return
            _acknowledge(school_id, agreement_id, version_ids, person, pupil, index, ids, rows, rng)
            made += 1


def _people(
    school_id: int, size: Size, ids: Ids, rows: Rows, rng: random.Random
) -> tuple[list[int], list[tuple[int, int]]]:
    staff_count = size.people_per_school * 15 // 100
    teams = []
    for name in TEAMS:
        teams.append(ids.next("staff_team"))
        rows.add("staff_team", (teams[-1], school_id, name))
    staff = []
    for n in range(staff_count):
        person = _person(school_id, "staff", f"S{n}", ids, rows, rng)
        staff.append(person)
        for team in rng.sample(teams, rng.choice([0, 1, 1, 1, 2])):
            rows.add("team_membership", (ids.next("team_membership"), school_id, team, person))
    parents = [
        _person(school_id, "parent", f"C{n}", ids, rows, rng)
        for n in range(size.people_per_school - staff_count)
    ]
    pairs = []
    for n in range(len(parents) * 9 // 10):
        pupil = ids.next("pupil")
        year = YEARS[n % len(YEARS)]
        rows.add(
            "pupil",
            (
                pupil,
                school_id,
                f"P{n}",
                f"Pupil {pupil}",
                year,
                f"{year[0]}{year[-1]}{'AB'[n % 2]}",
                None,
                NOW,
                NOW,
            ),
        )
        for priority, parent in enumerate(rng.sample(parents, rng.choice([1, 2, 2, 2])), 1):
            responsible = rng.random() > 0.05
            rows.add(
                "guardianship",
                (
                    ids.next("guardianship"),
                    school_id,
                    parent,
                    pupil,
                    "Parent",
                    responsible,
                    priority,
                    None,
                ),
            )
            if responsible:
                pairs.append((parent, pupil))
    return staff, pairs


def _person(
    school_id: int, kind: str, external: str, ids: Ids, rows: Rows, rng: random.Random
) -> int:
    person = ids.next("person")
    left = NOW - timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.03 else None
    email = f"{kind}{person}@example.org" if rng.random() > 0.04 else None
    rows.add(
        "person",
        (
            person,
            school_id,
            kind,
            external,
            f"{kind.title()} {person}",
            email,
            None,
            "",
            left,
            NOW,
            NOW,
        ),
    )
    return person


def _agreements(school_id: int, ids: Ids, rows: Rows) -> list[tuple[int, str, list[int]]]:
    """(agreement id, audience, version ids oldest first) for each agreement."""
    found = []
    for slug, audience, renewal, anchor, signers in AGREEMENTS:
        agreement_id = ids.next("agreement")
        rows.add(
            "agreement",
            (
                agreement_id,
                school_id,
                slug,
                slug.replace("-", " ").title(),
                audience,
                renewal,
                anchor,
                signers,
            ),
        )
        version_ids = []
        for label, effective, material in VERSIONS:
            version_ids.append(ids.next("agreement_version"))
            rows.add(
                "agreement_version",
                (
                    version_ids[-1],
                    school_id,
                    agreement_id,
                    label,
                    effective,
                    f"{slug} {label}",
                    "0" * 64,
                    material,
                    "",
                    "",
                    NOW,
                    "bench",
                ),
            )
        found.append((agreement_id, audience, version_ids))
    return found


def _acknowledge(
    school_id: int,
    agreement_id: int,
    version_ids: list[int],
    person: int,
    pupil: int | None,
    index: int,
    ids: Ids,
    rows: Rows,
    rng: random.Random,
) -> None:
    effective = VERSIONS[index][1]
    ends = VERSIONS[index + 1][1] if index + 1 < len(VERSIONS) else NOW.date()
    day = effective + timedelta(days=rng.randrange(0, max(1, (ends - effective).days)))
    signed_at = datetime(day.year, day.month, day.day, rng.randrange(7, 22), tzinfo=UTC)
    rows.add(
        "acknowledgement",
        (
            ids.next("acknowledgement"),
            school_id,
            person,
            agreement_id,
            version_ids[index],
            "0" * 64,
            pupil,
            str(pupil) if pupil is not None else "self",
            min(signed_at, NOW),
            "email-link",
            "email-link",
            "",
            "",
            "",
            None,
            "{}",
            "",
        ),
    )


def build(size: Size, seed: int) -> Rows:
    rng, ids, rows = random.Random(seed), Ids(), Rows()
    for n in range(1, size.schools + 1):
        build_school(n, size, ids, rows, rng)
    return rows


async def load(conn: asyncpg.Connection, schema: str, rows: Rows) -> None:
    # The rows are consistent by construction: skip the per-row foreign-key triggers while
    # loading, when allowed (superuser), which makes COPY several times faster.
    try:
        await conn.execute("SET session_replication_role = replica")
    except asyncpg.InsufficientPrivilegeError:
        log("  (not a superuser: loading with foreign-key checks on)")
    for table in COLUMNS:
        records = rows.tables.get(table, [])
        started = time.perf_counter()
        await conn.copy_records_to_table(
            table, records=records, columns=COLUMNS[table], schema_name=schema
        )
        log(f"  {table}: {len(records):,} rows in {time.perf_counter() - started:.1f} s")
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{schema}\".\"{table}\"', 'id'), "
            f'GREATEST(1, (SELECT MAX(id) FROM "{schema}"."{table}")))'
        )
    await conn.execute("SET session_replication_role = DEFAULT")
    # A settled database has its visibility map set, so index-only scans skip the table.
    await conn.execute("VACUUM ANALYZE")


RAW_RANK = (
    "CASE WHEN l.signed_at IS NULL THEN 0 WHEN l.effective < $2::date THEN 1"
    " WHEN l.signed_at < $3::timestamptz THEN 2 WHEN l.signed_at < $4::timestamptz THEN 3"
    " ELSE 4 END"
)
RAW_SQL = {
    "staff": (
        "WITH l AS (SELECT DISTINCT ON (a.person_id) a.person_id AS sid, v.effective, a.signed_at"
        " FROM acknowledgement a JOIN agreement_version v ON v.id = a.version_id"
        " WHERE a.agreement_id = $1 AND a.subject_key = 'self'"
        " ORDER BY a.person_id, v.effective DESC, a.signed_at DESC),"
        f" st AS (SELECT p.id, {RAW_RANK} AS r FROM person p LEFT JOIN l ON l.sid = p.id"
        " WHERE p.school_id = $5 AND p.kind = 'staff' AND p.left_at IS NULL)"
        " SELECT r, -1 AS team, COUNT(*) AS n FROM st GROUP BY r UNION ALL"
        " SELECT r, tm.team_id, COUNT(*) FROM st LEFT JOIN team_membership tm"
        " ON tm.person_id = st.id GROUP BY r, tm.team_id"
    ),
    "any": (
        "WITH l AS (SELECT DISTINCT ON (a.pupil_id) a.pupil_id AS sid, v.effective, a.signed_at"
        " FROM acknowledgement a JOIN agreement_version v ON v.id = a.version_id"
        " JOIN guardianship g ON g.parent_id = a.person_id AND g.pupil_id = a.pupil_id"
        " JOIN person gp ON gp.id = g.parent_id"
        " WHERE a.agreement_id = $1 AND g.parental_responsibility AND g.left_at IS NULL"
        " AND gp.left_at IS NULL ORDER BY a.pupil_id, v.effective DESC, a.signed_at DESC),"
        f" st AS (SELECT pu.id, pu.year_group, pu.form, {RAW_RANK} AS r FROM pupil pu"
        " LEFT JOIN l ON l.sid = pu.id WHERE pu.school_id = $5 AND pu.left_at IS NULL)"
        " SELECT year_group, form, r, COUNT(*) AS n FROM st GROUP BY year_group, form, r"
    ),
    "every": (
        "WITH l AS (SELECT DISTINCT ON (a.pupil_id, a.person_id) a.pupil_id, a.person_id,"
        " v.effective, a.signed_at FROM acknowledgement a"
        " JOIN agreement_version v ON v.id = a.version_id WHERE a.agreement_id = $1"
        " ORDER BY a.pupil_id, a.person_id, v.effective DESC, a.signed_at DESC),"
        " ok AS (SELECT g.pupil_id, g.parent_id FROM guardianship g JOIN person gp"
        " ON gp.id = g.parent_id WHERE g.school_id = $5 AND g.parental_responsibility"
        " AND g.left_at IS NULL AND gp.left_at IS NULL),"
        f" pr AS (SELECT ok.pupil_id, {RAW_RANK} AS r FROM ok LEFT JOIN l"
        " ON l.pupil_id = ok.pupil_id AND l.person_id = ok.parent_id),"
        " st AS (SELECT pu.id, pu.year_group, pu.form, COALESCE(MIN(pr.r), 0) AS r FROM pupil pu"
        " LEFT JOIN pr ON pr.pupil_id = pu.id WHERE pu.school_id = $5 AND pu.left_at IS NULL"
        " GROUP BY pu.id, pu.year_group, pu.form)"
        " SELECT year_group, form, r, COUNT(*) AS n FROM st GROUP BY year_group, form, r"
    ),
}


async def raw_school(conn: asyncpg.Connection, school: School, plans: list[Any]) -> dict[str, Any]:
    """The plain SQL's totals per agreement (staff counted once each, pupils summed over forms)."""
    totals: dict[str, dict[int, int]] = {}
    for plan in plans:
        spec = plan.spec
        kind = "staff" if spec.audience == "staff" else ("every" if spec.every else "any")
        edges = plan.edges
        rows = await conn.fetch(
            RAW_SQL[kind],
            spec.agreement_id,
            edges.material_effective,
            spec.overdue_at,
            spec.due_soon_at,
            school.id,
        )
        counted: dict[int, int] = {}
        for row in rows:
            if kind != "staff" or row["team"] == -1:
                counted[row["r"]] = counted.get(row["r"], 0) + row["n"]
        totals[plan.row.slug] = counted
    return totals


async def timed(runs: int, call: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    """The median wall time in milliseconds over `runs` calls, after one warm-up."""
    result = await call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = await call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result


async def timed_together(
    runs: int, first: Callable[[], Awaitable[Any]], second: Callable[[], Awaitable[Any]]
) -> tuple[tuple[float, Any], tuple[float, Any]]:
    """Both medians, the calls taken in turn so that a busy machine slows both alike."""
    results = [await first(), await second()]
    samples: list[list[float]] = [[], []]
    for _ in range(runs):
        for n, call in enumerate((first, second)):
            started = time.perf_counter()
            results[n] = await call()
            samples[n].append((time.perf_counter() - started) * 1000)
    return (statistics.median(samples[0]), results[0]), (statistics.median(samples[1]), results[1])


@dataclass
class _Plan:
    row: Any
    spec: Any
    edges: Any


async def plans_for(school: School, today: date) -> list[_Plan]:
    from portal.core.completion import boundaries

    found = []
    for plan in await dashboard_plans.plans_for(school, today, dashboard.DEFAULT_DUE_SOON_DAYS):
        found.append(_Plan(plan.row, plan.spec, boundaries(plan.agreement, today, 30)))
    return found


async def same_sql(pool: asyncpg.Pool, plans: list[Any]) -> list[Any]:
    """The use case's own statements, straight through asyncpg, side by side as it runs them."""
    statements = [completion_store.counts_sql([p.spec], numbered=True) for p in plans]
    return await asyncio.gather(*(pool.fetch(text, *values) for text, values in statements))


async def measure(url: str, schema: str, runs: int) -> dict[str, Any]:
    conn = await _connect(url, schema)
    pool = await asyncpg.create_pool(
        _dsn(url),
        min_size=len(AGREEMENTS),
        max_size=len(AGREEMENTS),
        server_settings={"search_path": schema},
    )
    try:
        schools = await School.all().order_by("id")
        school = schools[len(schools) // 2]
        today = dashboard.local_today(school)
        plans = await plans_for(school, today)
        (school_ms, completions), (sql_ms, _) = await timed_together(
            runs, lambda: dashboard.school_completion(school, today), lambda: same_sql(pool, plans)
        )
        naive_ms, raw = await timed(runs, lambda: raw_school(conn, school, plans))
        trust_ms, rollup = await timed(max(3, runs // 5), lambda: dashboard.trust_rollup(schools))
    finally:
        await pool.close()
        await conn.close()
    agree = all(
        {s: n for s, n in c.tally.counts.items() if n}
        == {Status(_STATUS[r]): n for r, n in raw[c.slug].items()}
        for c in completions
    )
    return {
        "school_ms": round(school_ms, 2),
        "school_sql_ms": round(sql_ms, 2),
        "school_ratio": round(school_ms / sql_ms, 3),
        "trust_ms": round(trust_ms, 1),
        "school_naive_sql_ms": round(naive_ms, 2),
        "numbers_agree": agree,
        "school_subjects": sum(c.tally.total for c in completions),
        "trust_schools": len(rollup),
    }


_STATUS = {0: "never_signed", 1: "superseded", 2: "overdue", 3: "due_soon", 4: "current"}


def _dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def _connect(url: str, schema: str = "") -> asyncpg.Connection:
    settings = {"search_path": schema} if schema else {}
    return await asyncpg.connect(**store_db.postgres_connect_args(url), server_settings=settings)


async def run(url: str, size: Size, runs: int, seed: int, keep: bool) -> dict[str, Any]:
    schema = f"signoff_bench_{secrets.token_hex(4)}"
    admin = await _connect(url)
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        await store_db.open_database(url, schema=schema)
        from tortoise import Tortoise

        await Tortoise.generate_schemas()
        started = time.perf_counter()
        rows = build(size, seed)
        log(f"built {size} in {time.perf_counter() - started:.1f} s; loading into {schema}")
        await load(admin, schema, rows)
        load_s = time.perf_counter() - started
        del rows
        result = await measure(url, schema, runs)
        result.update(
            schools=size.schools,
            people=size.people,
            acknowledgements=size.acknowledgements,
            build_and_load_s=round(load_s, 1),
        )
        return result
    finally:
        await store_db.close_database()
        if not keep:
            await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--quick", action="store_true", help="a smaller trust, under 45 seconds")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the schema for a look")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    result = asyncio.run(run(args.url, size, args.runs, args.seed, args.keep))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
