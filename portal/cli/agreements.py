"""`signoff agreements check|publish`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from portal.cli.common import database, load_settings, run_async
from portal.core.agreements import Agreement
from portal.core.catalog import Catalog, CatalogError, load_catalog


@click.group("agreements")
def agreements_group() -> None:
    """The agreement texts kept as versioned files."""


def _load(folder: Path | None) -> Catalog:
    root = folder or load_settings().agreements_dir
    try:
        return load_catalog(root)
    except CatalogError as exc:
        for error in exc.errors:
            click.echo(f"{error.path}:{error.line}: {error.problem}", err=True)
        raise click.ClickException(f"{len(exc.errors)} problem(s) in {root}") from None


def _summary(agreement: Agreement) -> dict[str, object]:
    return {
        "school": agreement.school,
        "slug": agreement.slug,
        "title": agreement.title,
        "audience": agreement.audience.value,
        "renewal": agreement.renewal.value,
        "anchor": agreement.anchor.value,
        "signers": agreement.signers.value,
        "versions": [
            {
                "version": v.label,
                "effective": v.effective.isoformat(),
                "material": v.material,
                "clauses": len(v.clauses),
                "sha256": v.sha256,
            }
            for v in agreement.versions
        ],
    }


@agreements_group.command("check")
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON list, one object per agreement."
)
@click.option("--dir", "folder", type=click.Path(path_type=Path), help="Folder to check.")
def check(as_json: bool, folder: Path | None) -> None:
    """Validate the agreements folder and list every agreement and version."""
    catalog = _load(folder)
    if as_json:
        click.echo(json.dumps([_summary(a) for a in catalog.agreements], indent=2))
        return
    for agreement in catalog.agreements:
        click.echo(
            f"{agreement.school}/{agreement.slug}  {agreement.title}  "
            f"[{agreement.audience}, {agreement.renewal}]"
        )
        for v in agreement.versions:
            click.echo(
                f"    {v.label:<10} effective {v.effective}  {len(v.clauses):>3} clauses  "
                f"{'material' if v.material else 'minor   '}  sha256 {v.sha256}"
            )
    click.echo(f"{len(catalog.agreements)} agreements in {len(catalog.schools)} schools: OK")


@agreements_group.command("publish")
@run_async
async def publish() -> None:
    """Store new versions from the folder in the database (idempotent)."""
    from portal.store.agreements import publish_catalog

    settings = load_settings()
    catalog = _load(None)
    async with database(settings, publish=False):
        try:
            report = await publish_catalog(catalog, by="signoff agreements publish")
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    for line in report.published:
        click.echo(f"published {line}")
    click.echo(f"{len(report.published)} published, {report.unchanged} already published")


def register(main: click.Group) -> None:
    main.add_command(agreements_group)
