"""`signoff slack nudge|install-link|disconnect|socket`."""

from __future__ import annotations

import click

from portal.cli.common import database, load_settings, run_async


@click.group("slack")
def slack_group() -> None:
    """The Slack app: nudges, installs, and a Socket Mode runner for development."""


@slack_group.command("nudge")
@click.option("--school", required=True, help="School slug, e.g. clearwell.")
@click.option("--agreement", required=True, help="Agreement slug, e.g. staff-social-media.")
@click.option(
    "--step",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Each person gets at most one nudge per step.",
)
@click.option(
    "--pace",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between messages (Slack asks for about one a second).",
)
@run_async
async def nudge(school: str, agreement: str, step: int, pace: float) -> None:
    """DM each matched member of staff who has not signed the version in force."""
    from bots.slack.nudge import NudgeError, nudge_unsigned

    settings = load_settings()
    if not settings.slack.enabled:
        raise click.ClickException("Slack is not configured (see docs/slack.md)")
    async with database(settings):
        try:
            report = await nudge_unsigned(settings, school, agreement, step, pace=pace)
        except NudgeError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(report.summary())


@slack_group.command("install-link")
@click.option("--school", required=True, help="School slug, e.g. clearwell.")
@run_async
async def install_link(school: str) -> None:
    """Print the link a school's Slack admin opens to install the app (valid for 7 days)."""
    from bots.slack.oauth import install_url
    from portal.store.models import School

    settings = load_settings()
    if not settings.slack.client_id:
        raise click.ClickException("install links need SIGNOFF_SLACK_CLIENT_ID (multi-workspace)")
    async with database(settings, publish=False):
        if not await School.exists(slug=school):
            raise click.ClickException(f"no school {school!r}")
    click.echo(install_url(settings, school))


@slack_group.command("disconnect")
@click.option("--school", required=True, help="School slug, e.g. clearwell.")
@run_async
async def disconnect(school: str) -> None:
    """Forget the school's Slack workspace (audited), so another can be installed."""
    from bots.slack.installation import disconnect_school

    async with database(load_settings(), publish=False):
        removed = await disconnect_school(school, by="signoff slack disconnect")
    click.echo(f"disconnected {school}" if removed else f"{school} had no Slack workspace")


@slack_group.command("socket")
@run_async
async def socket() -> None:
    """Run the Slack app over Socket Mode (development; needs SIGNOFF_SLACK_APP_TOKEN)."""
    from bots.slack.socket import serve_socket_mode
    from portal.settings import SettingsError

    settings = load_settings()
    if not settings.slack.socket_mode_app_token:
        raise click.ClickException("SIGNOFF_SLACK_APP_TOKEN (xapp-…) is required for Socket Mode")
    async with database(settings):
        try:
            await serve_socket_mode(settings)
        except SettingsError as exc:
            raise click.ClickException(str(exc)) from None


def register(main: click.Group) -> None:
    main.add_command(slack_group)
