"""``equipoise serve``: the REST API and dashboard over a store."""

from __future__ import annotations

import click

from equipoise.cli._context import settings_of


@click.command("serve")
@click.option("--db", default=None, help="DuckDB store (default: settings `db`).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; keep 127.0.0.1 unless others must reach it.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """Serve the API (/api, docs at /docs) and the dashboard (/) until Ctrl-C.

    POST /api/articles is enabled only when EQUIPOISE_WRITE_TOKEN is set.
    """
    import uvicorn

    from equipoise.serve import create_app

    settings = settings_of(ctx)
    app = create_app(db=db or settings.db, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="info")


commands: list[click.Command] = [serve_cmd]
