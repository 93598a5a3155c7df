"""`signoff migrate` and `signoff db makemigrations`."""

from __future__ import annotations

import click

from portal.cli.common import load_settings, run_async, seal_stored_secrets
from portal.store import db


@click.command("migrate")
@run_async
async def migrate() -> None:
    """Bring the database schema up to date (aerich); seal stored secrets under the current key."""
    settings = load_settings()
    applied = await db.migrate(settings.database_url)
    click.echo(
        f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else "")
    )
    await db.open_database(settings.database_url)
    try:
        sealed = await seal_stored_secrets(settings)
    finally:
        await db.close_database()
    if sealed.plain:
        click.echo(f"sealed {sealed.plain} secret(s) stored in plain text by an earlier version")
    if sealed.rotated:
        click.echo(
            f"resealed {sealed.rotated} secret(s) sealed under a previous key "
            "(SIGNOFF_SECRET_KEY_PREVIOUS) with SIGNOFF_SECRET_KEY"
        )
    if sealed.unreadable:
        click.echo(
            f"warning: {sealed.unreadable} secret(s) cannot be opened with SIGNOFF_SECRET_KEY or "
            "SIGNOFF_SECRET_KEY_PREVIOUS: office users with an unreadable code app need "
            "`signoff user reset-code`, Slack workspaces a reinstall (see README)",
            err=True,
        )


@click.group("db")
def db_group() -> None:
    """Database schema maintenance."""


@db_group.command("makemigrations")
@click.option("--name", default="update", show_default=True)
@run_async
async def makemigrations(name: str) -> None:
    """Write a migration for the configured database's dialect from the models."""
    settings = load_settings()
    result = await db.make_migrations(settings.database_url, name)
    click.echo(result or "no changes")


def register(main: click.Group) -> None:
    main.add_command(migrate)
    main.add_command(db_group)
