"""`signoff audit verify`."""

from __future__ import annotations

import click

from portal.cli.common import database, load_settings, run_async
from portal.store import audit


@click.group("audit")
def audit_group() -> None:
    """The append-only audit log."""


@audit_group.command("verify")
@run_async
async def verify() -> None:
    """Check every audit chain; name the first broken entry."""
    broken = 0
    async with database(load_settings(), publish=False):
        for key in await audit.chain_keys():
            count, problem = await audit.verify(key)
            if problem is None:
                click.echo(f"{key}: {count} entries, chain intact")
            else:
                broken += 1
                click.echo(f"{key}: BROKEN at entry {problem.seq}: {problem.problem}", err=True)
    if broken:
        raise click.ClickException(f"{broken} chain(s) broken")


def register(main: click.Group) -> None:
    main.add_command(audit_group)
