"""`signoff user add`: office users and trust administrators (the first admin starts here)."""

from __future__ import annotations

import sys

import click

from portal.cli.common import database, load_settings, run_async


@click.group("user")
def user_group() -> None:
    """Office accounts."""


@user_group.command("add")
@click.option("--email", required=True, help="Their email address; also matched by single sign-on.")
@click.option("--name", required=True, help="Their name, as shown in the audit log.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["office", "trust_admin"]),
    help="office: one school's office. trust_admin: every school.",
)
@click.option("--school", default=None, help="The school's slug (office users only).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def add(email: str, name: str, role: str, school: str | None, password_stdin: bool) -> None:
    """Add an office user. Asks for a password twice unless --password-stdin."""
    password = _read_password(password_stdin)
    _add(email, name, role, school, password)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@run_async
async def _add(email: str, name: str, role: str, school: str | None, password: str) -> None:
    from portal.usecases.accounts import AccountError, add_user

    async with database(load_settings()):
        try:
            user = await add_user(
                email=email,
                name=name,
                role=role,
                school=school,
                password=password,
                by="signoff user add",
            )
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    where = f" at {school}" if school else ""
    click.echo(f"added {role} {user.email}{where}")
    if role == "trust_admin":
        click.echo("They will set up a code app (TOTP) the first time they sign in.")


@user_group.command("reset-code")
@click.option("--email", required=True)
@run_async
async def reset_code(email: str) -> None:
    """Forget a user's code app (a lost phone) and sign them out everywhere."""
    from portal.usecases.accounts import AccountError, reset_code_app

    async with database(load_settings(), publish=False):
        try:
            user = await reset_code_app(email, by="signoff user reset-code")
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email} will set up a code app at their next sign-in")


def register(main: click.Group) -> None:
    main.add_command(user_group)
