"""`signoff invite`: email everyone who must sign a personal link."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from portal.cli.common import database, load_settings, run_async
from portal.mail import MailError
from portal.settings import Settings
from portal.usecases.invitations import InviteError, InviteReport, Progress, invite
from portal.usecases.obligations import Scope


def _progress(total: int) -> Progress:
    bar: Progress = tqdm(total=total, file=sys.stderr, unit="email", desc="Sending", leave=True)
    return bar


async def run_invite(
    settings: Settings, school: str, agreement: str, scope: Scope, *, resend: bool
) -> InviteReport:
    """The command's work, for callers that already hold the database (tests, the demo)."""
    try:
        return await invite(settings, school, agreement, scope, resend=resend, progress=_progress)
    except (InviteError, MailError) as exc:
        raise click.ClickException(str(exc)) from None


def echo_report(report: InviteReport) -> None:
    click.echo(
        f"{report.agreement} version {report.version}: {len(report.sent)} emailed, "
        f"{len(report.already_sent)} already emailed, {report.created} new link(s), "
        f"{report.reused} reused, {report.already_signed} already signed"
    )
    for failure in report.failed:
        who = failure.signer
        click.echo(f"NOT EMAILED: {who.full_name} <{who.email or 'no address'}>: {failure.reason}")
    for pupil in report.unreachable:
        click.echo(
            f"NO ONE TO ASK: {pupil.full_name}: no current adult with parental responsibility"
        )


@click.command("invite")
@click.option("--school", required=True, help="School slug, e.g. clearwell.")
@click.option(
    "--agreement", required=True, help="Agreement slug, e.g. parents-social-media-pledge."
)
@click.option("--year-group", default=None, help='Only pupils in this year group, e.g. "Year 4".')
@click.option("--class", "form", default=None, help="Only pupils in this class (form), e.g. 4B.")
@click.option(
    "--resend", is_flag=True, help="Replace live links with new ones and email them again."
)
@run_async
async def invite_command(
    school: str, agreement: str, year_group: str | None, form: str | None, resend: bool
) -> None:
    """Email a personal signing link to everyone who must sign the version in force."""
    settings = load_settings()
    async with database(settings):
        report = await run_invite(
            settings, school, agreement, Scope(year_group, form), resend=resend
        )
    echo_report(report)
    if report.failed:
        sys.exit(3)  # some people still need the paper route: let scripts notice


def register(main: click.Group) -> None:
    main.add_command(invite_command)
