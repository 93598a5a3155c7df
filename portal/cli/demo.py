"""`signoff demo`: Clearwell's demo staff, pupils and parents, imported like any school's export."""

from __future__ import annotations

import asyncio
from importlib import resources

import click

from portal.cli.common import database, load_settings
from portal.cli.roster import check_file
from portal.settings import Settings
from portal.store.roster import ImportReport, UnknownSchool, import_roster

DEMO_SCHOOL = "clearwell"
DEMO_FILES = ("clearwell_staff.csv", "clearwell_pupils.csv")


def demo_file(name: str) -> bytes:
    return (resources.files("portal") / "demo" / name).read_bytes()


async def import_demo() -> list[ImportReport]:
    """Import both demo files into the open database; a second run changes nothing."""
    reports = []
    for name in DEMO_FILES:
        roster = check_file(name, demo_file(name))
        reports.append(
            await import_roster(
                DEMO_SCHOOL,
                roster,
                actor="signoff demo",
                source={"file": name},
                audit_unchanged=False,  # `serve --demo` runs this on every start
            )
        )
    return reports


def load_demo(settings: Settings) -> None:
    """Open the database, load the demo roster, close it again (used by `serve --demo`)."""
    asyncio.run(_load(settings))


async def _load(settings: Settings) -> None:
    async with database(settings):
        try:
            reports = await import_demo()
        except UnknownSchool as exc:
            raise click.ClickException(
                f"{exc}. The demo needs Clearwell's agreements folder."
            ) from None
    for name, report in zip(DEMO_FILES, reports, strict=True):
        counts = ", ".join(
            f"{noun} {t.added + t.updated + t.unchanged} ({t.added} new)"
            for noun, t in report.tallies.items()
        )
        click.echo(f"demo {name}: {counts}")


@click.command("demo")
def demo() -> None:
    """Load Clearwell's demo roster: 12 staff in teams, 40 pupils, their parents. Safe to rerun."""
    load_demo(load_settings())


def register(main: click.Group) -> None:
    main.add_command(demo)
