"""`signoff remind`: send the campaign reminders that are due now."""

from __future__ import annotations

from datetime import datetime

import click

from portal.cli.common import database, load_settings, run_async
from portal.mail import MailNotConfigured
from portal.usecases.reminders import ReminderReport, remind_due


def echo_report(report: ReminderReport) -> None:
    click.echo(
        f"{report.campaigns} campaign(s) with a reminder due: {report.sent} sent, "
        f"{report.already_sent} already sent, {report.no_email} without email (paper), "
        f"{report.no_live_link} whose link has expired (send the campaign again), "
        f"{report.awaiting_reply} waiting for the office to answer their reply"
    )
    for failure in report.failed:
        click.echo(f"NOT SENT: {failure}", err=True)


@click.command("remind")
@click.option(
    "--at",
    "moment",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z"]),
    help="Act as if it were this moment (ISO 8601 with its UTC offset): rehearsals and tests. "
    "The delivery keys still stop anyone being reminded twice for a step.",
    hidden=True,
)
@run_async
async def remind(moment: datetime | None) -> None:
    """Send every campaign reminder that is due now (school hours, term time only)."""
    settings = load_settings()
    async with database(settings, publish=False):
        try:
            report = await remind_due(settings, moment)
        except MailNotConfigured as exc:
            raise click.ClickException(str(exc)) from None
    echo_report(report)
    if report.failed:
        raise SystemExit(1)


def register(main: click.Group) -> None:
    main.add_command(remind)
