"""``equipoise serve``: the REST API and dashboard over a store."""

from __future__ import annotations

import socket

import click
import uvicorn

from equipoise.cli import settings_of
from equipoise.config import Settings
from equipoise.store.db import Store
from equipoise.watch import Watcher, feed_urls, parse_interval


@click.command("serve")
@click.option("--db", default=None, help="DuckDB store (default: settings `db`).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; keep 127.0.0.1 unless others must reach it.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--watch", "watch_feeds", multiple=True, metavar="FEED",
              help="Also follow this feed (URL or .urls file) in this process; repeatable.")
@click.option("--every", default="15m", show_default=True, metavar="INTERVAL",
              help="With --watch: how often each feed is polled.")
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int,
              watch_feeds: tuple[str, ...], every: str) -> None:
    """Serve the API (/api, docs at /docs) and the dashboard (/) until Ctrl-C.

    POST /api/articles is enabled only when EQUIPOISE_WRITE_TOKEN is set. With --watch,
    feeds are followed in the same process (DuckDB lets one process write), so the
    dashboard stays usable while new articles come in.
    """
    from equipoise.serve import create_app

    settings = settings_of(ctx)
    app = create_app(db=db or settings.db, settings=settings)
    watcher = _watcher(watch_feeds, every, db or settings.db, settings)
    if watcher is None:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    try:
        _ServerThenWatcher(uvicorn.Config(app, host=host, port=port, log_level="info"),
                           watcher).run()
    finally:
        _stop(watcher)


def _stop(watcher: Watcher) -> None:
    if not watcher.stopped:
        watcher.stop()
        click.echo("watcher stopped", err=True)
    if watcher.error is not None:
        raise watcher.error


class _ServerThenWatcher(uvicorn.Server):
    """uvicorn, stopping the watcher (after its batch in hand) as the server shuts down:
    uvicorn re-raises SIGTERM once it is down, which would end the process mid-batch."""

    def __init__(self, config: uvicorn.Config, watcher: Watcher) -> None:
        super().__init__(config)
        self.watcher = watcher

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await super().shutdown(sockets)
        _stop(self.watcher)


def _watcher(feeds: tuple[str, ...], every: str, db: str, settings: Settings
             ) -> Watcher | None:
    if not feeds:
        return None
    from equipoise.cli.watch import status_line

    watcher = Watcher(feed_urls(feeds), settings=settings, store=Store(db),
                      every=parse_interval(every), status=status_line)
    watcher.start()
    return watcher


commands: list[click.Command] = [serve_cmd]
