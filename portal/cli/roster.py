"""`signoff roster import`: staff, or pupils with their contacts, from the school's MIS export."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from portal.cli.common import database, load_settings, run_async
from portal.core.roster import (
    LEAVERS_RULE,
    Pupil,
    PupilRoster,
    Roster,
    RosterKind,
    RosterRefused,
    read_roster,
)
from portal.settings import Settings
from portal.store.roster import ImportReport, TooManyLeavers, UnknownSchool, import_roster

_LONG = 2000  # rows: below this an import is over before a bar is worth drawing
_ALLOW = "If that is right, run again with --allow-leavers."


@click.group("roster")
def roster_group() -> None:
    """The school's staff, pupils and parents, as exported from its MIS."""


@roster_group.command("import")
@click.option("--school", "school", required=True, help="School slug, e.g. clearwell.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in RosterKind]),
    help="Staff or pupils-with-contacts; normally told from the headers.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar='"HEADER=field"',
    help='Read a column the importer does not know, e.g. --map "Carer Ref=contact_id".',
)
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
@click.option(
    "--allow-leavers",
    is_flag=True,
    help=f"Import even if it marks {LEAVERS_RULE} of the current staff, pupils or parents as left.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(
    school: str,
    kind: str | None,
    maps: tuple[str, ...],
    dry_run: bool,
    allow_leavers: bool,
    file: Path,
) -> None:
    """Import FILE (CSV) into the school's roster: update by MIS id, mark leavers as left."""
    settings = load_settings()
    data = file.read_bytes()
    bars = _Bars()
    roster = check_file(file.name, data, RosterKind(kind) if kind else None, _mapping(maps), bars)
    work = partial(
        run_import, school, roster, file.name, data, dry_run, bars, allow_leavers=allow_leavers
    )
    report = run_async(_save)(settings, work)
    bars.close()
    echo_report(report, roster, file.name)


async def _save(settings: Settings, work: Callable[[], Awaitable[ImportReport]]) -> ImportReport:
    async with database(settings):
        return await work()


def check_file(
    name: str,
    data: bytes,
    kind: RosterKind | None = None,
    mapping: dict[str, str] | None = None,
    progress: _Bars | None = None,
) -> Roster:
    """The parsed file, or exit non-zero listing every problem; nothing is imported then."""
    try:
        checking = progress.checking if progress else None
        return read_roster(data, kind=kind, mapping=mapping, progress=checking)
    except RosterRefused as refused:
        if progress:
            progress.close()
        fix = "the file" if refused.whole_file else "these rows"
        click.echo(f"{name} was not imported. Fix {fix} and import it again:", err=True)
        for problem in refused.problems:
            click.echo(f"  {problem}", err=True)
        count = len(refused.problems)
        raise click.ClickException(
            f"{count} problem{'s' * (count != 1)}; nothing imported"
        ) from None


async def run_import(
    school: str,
    roster: Roster,
    name: str,
    data: bytes,
    dry_run: bool = False,
    progress: _Bars | None = None,
    *,
    allow_leavers: bool = False,
) -> ImportReport:
    """The command's work, for callers that already hold the database (tests)."""
    source = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        return await import_roster(
            school,
            roster,
            actor="signoff roster import",
            source=source,
            dry_run=dry_run,
            allow_leavers=allow_leavers,
            progress=progress.saving if progress else None,
        )
    except UnknownSchool as exc:
        raise click.ClickException(str(exc)) from None
    except TooManyLeavers as refused:
        if progress:
            progress.close()
        click.echo(f"{name} was not imported; nothing was saved.", err=True)
        raise click.ClickException(f"{refused} {_ALLOW}") from None


def echo_report(report: ImportReport, roster: Roster, name: str) -> None:
    saved = "imported" if report.saved else "checked (dry run: nothing saved)"
    click.echo(f"{name}: {roster.kind} roster {saved}")
    for noun, t in report.tallies.items():
        click.echo(
            f"  {noun:<14} {t.added} added, {t.updated} updated, {t.unchanged} unchanged, "
            f"{t.left} left"
        )
    if report.invitations_revoked:
        click.echo(f"  {report.invitations_revoked} open invitation(s) of leavers revoked")
    if not report.saved:
        _echo_leavers(report)
    if roster.ignored_columns:
        click.echo(f"  columns not used: {', '.join(roster.ignored_columns)}")
    _echo_without_email(roster)


def _echo_leavers(report: ImportReport) -> None:
    click.echo(f"  would mark as left: {', '.join(str(group) for group in report.leavers)}")
    if report.too_many_leavers:
        click.echo(f"  {report.too_many_leavers} Without --allow-leavers the import stops there.")


def _echo_without_email(roster: Roster) -> None:
    if isinstance(roster, PupilRoster):
        children = roster.pupils_by_contact()
        people = [
            (c.line, c.full_name, f"contact {c.mis_id}", _pupils(children.get(c.mis_id, [])))
            for c in roster.without_email
        ]
        for pupil in roster.without_contacts:
            click.echo(f"  line {pupil.line}: {pupil.full_name} ({pupil.mis_id}) has no contacts")
    else:
        people = [(s.line, s.full_name, f"staff {s.mis_id}", "") for s in roster.without_email]
    if people:
        click.echo(f"No email, so these need the paper route ({len(people)}):")
    for line, full_name, who, pupils in people:
        click.echo(f"  line {line}: {full_name} ({who}){pupils}")


def _pupils(pupils: list[Pupil]) -> str:
    return " for " + ", ".join(f"{p.full_name} {p.form}".strip() for p in pupils) if pupils else ""


def _mapping(maps: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for entry in maps:
        theirs, _, field = entry.rpartition("=")
        if not theirs.strip() or not field.strip():
            raise click.BadParameter(f'"{entry}" is not HEADER=field', param_hint="--map")
        mapping[theirs.strip()] = field.strip()
    return mapping


class _Bars:
    """A tqdm bar per stage on stderr, for files long enough to wait for."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.stage = ""
        self.long = False

    def checking(self, done: int, total: int) -> None:
        self.long = self.long or total >= _LONG
        self._advance("checking", "row", done, total)

    def saving(self, done: int, total: int) -> None:
        self._advance("saving", "step", done, total)

    def _advance(self, stage: str, unit: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.bar = stage, _bar(stage, unit, total, self.long)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.stage, self.bar = "", None


def _bar(stage: str, unit: str, total: int, long: bool) -> Any:
    # disable=None leaves tqdm to hide itself when stderr is not a terminal (cron, CI logs).
    return tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, disable=None if long else True)


def register(main: click.Group) -> None:
    main.add_command(roster_group)
