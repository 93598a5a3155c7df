"""The `signoff` command: one small module per verb."""

from __future__ import annotations

import click

from portal import __version__
from portal.cli import (
    agreements,
    ask,
    audit,
    db,
    demo,
    invite,
    mail_worker,
    remind,
    roster,
    serve,
    slack,
    user,
)


@click.group()
@click.version_option(__version__, prog_name="signoff")
def main() -> None:
    """Signoff: policy acknowledgements and a policy bot for schools."""


for module in (
    agreements,
    ask,
    audit,
    db,
    demo,
    invite,
    mail_worker,
    remind,
    roster,
    serve,
    slack,
    user,
):
    module.register(main)
