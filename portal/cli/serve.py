"""`signoff serve`."""

from __future__ import annotations

import click
import uvicorn

from portal.cli.common import load_settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load the Clearwell demo roster first.")
def serve(host: str, port: int, demo: bool) -> None:
    """Run the portal (and the bots, where configured)."""
    from portal.web import heap
    from portal.web.app import create_app

    settings = load_settings()
    if demo:
        from portal.cli.demo import load_demo

        load_demo(settings)
    click.echo(
        f"Signoff on http://{host}:{port} (database: {settings.database_url.split('://')[0]})"
    )
    app = create_app(settings)
    heap.settle()
    uvicorn.run(app, host=host, port=port, proxy_headers=True, log_level="info")


def register(main: click.Group) -> None:
    main.add_command(serve)
