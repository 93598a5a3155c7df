"""`signoff mail-worker`: send receipts and reminders from a process of their own."""

from __future__ import annotations

import asyncio
import signal

import click

from portal import mail_worker
from portal.cli.common import database, load_settings, run_async
from portal.cli.remind import echo_report


@click.command("mail-worker")
@click.option("--once", is_flag=True, help="Run one round (receipts and reminders) and exit.")
@run_async
async def mail_worker_command(once: bool) -> None:
    """Send the receipts the portal owes (every second) and the reminders due; runs until stopped.

    Set SIGNOFF_MAIL_WORKER=1 for the portal and this worker alike: the portal then leaves its
    receipts and reminders to the worker."""
    settings = load_settings()
    if not settings.smtp_url:
        raise click.ClickException("SIGNOFF_SMTP_URL is not set: the mail worker has no relay")
    if not settings.mail_worker:
        raise click.ClickException(
            "SIGNOFF_MAIL_WORKER is not set: set it to 1 for the portal and this worker alike, "
            "or the portal keeps sending its own receipts and reminders"
        )
    async with database(settings, publish=False):
        if once:
            done = await mail_worker.one_round(settings, mail_worker.utc_now())
            click.echo(f"{done.receipts_sent} receipt(s) sent")
            if done.reminders is not None:
                echo_report(done.reminders)
            return
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        click.echo("mail worker: sending receipts and reminders until stopped")
        await mail_worker.work(settings, stop)
        click.echo("mail worker: stopped")


def register(main: click.Group) -> None:
    main.add_command(mail_worker_command)
