"""How long a large roster import takes, parse to commit.

    .venv/bin/python -m bench.roster_import [--rows 10000] [--postgres postgres://postgres@127.0.0.1:5432/test]

Writes a pupils-with-contacts export (one row per contact per pupil, siblings sharing parents,
Excel's BOM and CRLF) and a staff export into a temporary folder, imports each into a fresh
SQLite database (and, with --postgres, into a throwaway schema there), then re-imports a later
export in which a tenth of families moved form, some left and some joined. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tortoise import Tortoise

from portal.core.roster import read_roster
from portal.store import db as store_db
from portal.store.models import School
from portal.store.roster import ImportReport, import_roster

TARGET_S = 10
PUPIL_HEADER = (
    "Adno,Legal Surname,Legal Forename,Year,Reg,Contact ID,Contact Title,Contact Forename,"
    "Contact Surname,Relationship,Parental Responsibility,Priority,Primary Email,Mobile"
)
STAFF_HEADER = "Staff ID,Title,Legal Forename,Legal Surname,Work Email,Job Title,Staff Teams"
FORENAMES = ["Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Zofia", "Kofi"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Okafor", "Nowak", "Chen"]
TEAMS = ["Senior Leadership", "English", "Maths", "Science", "Pastoral", "Support"]


@dataclass
class Family:
    number: int
    children: list[tuple[str, str, int, str]]  # adno, forename, year, form
    contacts: list[str]  # the contact's cells, ready to join


def families(rng: random.Random, start: int, rows: int) -> list[Family]:
    """Families of one to three children and one to three contacts, about `rows` rows in all."""
    found: list[Family] = []
    total = 0
    while total < rows:
        number = start + len(found)
        surname = f"{rng.choice(SURNAMES)}{number}"
        contacts = [_contact(rng, number, n, surname) for n in range(rng.choice([1, 2, 2, 2, 3]))]
        children = [_child(rng, number, n) for n in range(rng.choice([1, 1, 2, 3]))]
        found.append(Family(number, children, contacts))
        total += len(children) * len(contacts)
    return found


def _child(rng: random.Random, family: int, n: int) -> tuple[str, str, int, str]:
    year = rng.randint(7, 11)
    return f"{family:05d}{n}", rng.choice(FORENAMES), year, f"{year}{rng.choice('AB')}"


def _contact(rng: random.Random, family: int, n: int, surname: str) -> str:
    title, forename, relationship = [
        ("Mrs", "Jo", "Mother"),
        ("Mr", "Sam", "Father"),
        ("Ms", "Pat", "Carer"),
    ][n]
    email = "" if rng.random() < 0.05 else f"parent{family}.{n}@example.com"
    return (
        f"C{family}-{n},{title},{forename},{surname},{relationship},"
        f"{'Yes' if n < 2 else 'No'},{n + 1},{email},07700 900{n:03d}"
    )


def pupil_rows(found: list[Family], moved: int = 0) -> list[str]:
    """One row per contact per pupil; the children of every `moved`-th family changed form."""
    rows = []
    for family in found:
        surname = family.contacts[0].split(",")[3]
        for adno, forename, year, form in family.children:
            if moved and family.number % moved == 0:
                form = f"{year}C"
            rows += [f"{adno},{surname},{forename},Year {year},{form},{c}" for c in family.contacts]
    return rows


def staff_rows(count: int) -> list[str]:
    return [
        f"S{n},Ms,{FORENAMES[n % len(FORENAMES)]},{SURNAMES[n % len(SURNAMES)]}{n},"
        f'staff{n}@school.example,Teacher,"{TEAMS[n % 6]}; {TEAMS[(n + 2) % 6]}"'
        for n in range(count)
    ]


def write(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([header, *rows, ""]).encode("utf-8"))
    return path


async def timed_import(data: bytes) -> tuple[float, ImportReport]:
    started = time.perf_counter()
    roster = read_roster(data)
    report = await import_roster("bench", roster, actor="bench")
    return round(time.perf_counter() - started, 3), report


async def run(database_url: str, files: dict[str, bytes], schema: str = "") -> dict[str, Any]:
    await store_db.open_database(database_url, schema=schema)
    try:
        await Tortoise.generate_schemas()
        await School.create(slug="bench", name="Bench Academy")
        first, added = await timed_import(files["pupils"])
        again, changed = await timed_import(files["later"])
        unchanged, _ = await timed_import(files["later"])
        staff, _ = await timed_import(files["staff"])
    finally:
        await store_db.close_database()
    return {
        "import_s": first,
        "reimport_s": again,
        "unchanged_reimport_s": unchanged,
        "staff_import_s": staff,
        "imported": _counts(added),
        "reimported": _counts(changed),
    }


def _counts(report: ImportReport) -> dict[str, list[int]]:
    """added, updated, unchanged, left for each table."""
    return {n: [t.added, t.updated, t.unchanged, t.left] for n, t in report.tallies.items()}


async def on_postgres(url: str, files: dict[str, bytes]) -> dict[str, Any]:
    import asyncpg

    schema = f"bench_roster_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        return await run(url, files, schema)
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


def write_files(folder: Path, rows: int, staff: int) -> None:
    rng = random.Random(1)
    now = families(rng, 1, rows)
    # A later export: a twentieth of families left, as many joined, a tenth moved form.
    later = now[len(now) // 20 :] + families(rng, len(now) + 1, rows // 20)
    write(folder, "pupils.csv", PUPIL_HEADER, pupil_rows(now)[:rows])
    write(folder, "later.csv", PUPIL_HEADER, pupil_rows(later, moved=10))
    write(folder, "staff.csv", STAFF_HEADER, staff_rows(staff))


def time_one(folder: Path, database_url: str) -> dict[str, Any]:
    files = {name: (folder / f"{name}.csv").read_bytes() for name in ("pupils", "later", "staff")}
    if database_url.startswith("sqlite"):
        return asyncio.run(run(database_url, files))
    return asyncio.run(on_postgres(database_url, files))


def in_own_process(folder: Path, database_url: str) -> dict[str, Any]:
    # Tortoise caches each table's SQL per process, so each dialect gets a fresh interpreter.
    command = [sys.executable, "-m", "bench.roster_import", "--folder", str(folder)]
    done = subprocess.run([*command, "--database", database_url], capture_output=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument("--postgres", metavar="URL", help="also time PostgreSQL at this URL")
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database:
        print(json.dumps(time_one(args.folder, args.database)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_files(folder, args.rows, args.staff)
        print(f"timing SQLite with the files in {folder}", file=sys.stderr)
        sqlite = in_own_process(folder, f"sqlite://{folder / 'bench.sqlite3'}")
        result = {"rows": args.rows, **sqlite, "target_s": TARGET_S, "database": "sqlite"}
        result["staff_rows"] = args.staff
        if args.postgres:
            print("timing PostgreSQL", file=sys.stderr)
            result["postgres"] = in_own_process(folder, args.postgres)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
