"""``equipoise serve``: the REST API and dashboard over a store (and, with --watch, feeds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of

if TYPE_CHECKING:
    import uvicorn

    from equipoise.config import Settings
    from equipoise.watch import Watcher


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
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
@click.option("--access-log/--no-access-log", default=False, show_default=True,
              help="Log every request (uvicorn's access log, on stdout).")
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int,
              watch_feeds: tuple[str, ...], every: str, access_log: bool) -> None:
    """Serve the API (/api, docs at /docs) and the dashboard (/) until Ctrl-C.

    POST /api/articles is enabled only when EQUIPOISE_WRITE_TOKEN is set. With --watch,
    feeds are followed in the same process (DuckDB lets one process write), so the
    dashboard stays usable while new articles come in. Requests are not logged one by
    one unless --access-log is given: a line per request costs server CPU that a busy
    dashboard or API client pays for (docs/api.md).
    """
    from pathlib import Path

    import uvicorn

    from equipoise.serve import create_app

    settings = settings_of(ctx)
    path = db or settings.db
    if not watch_feeds and not Path(path).exists():
        click.echo(f"no store at {path} yet: the API answers 503 and the dashboard is "
                   f"empty until `equipoise ingest ... --db {path}` creates it", err=True)
    app = create_app(db=path, settings=settings)
    if not watch_feeds:
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)
        return
    config = uvicorn.Config(app, host=host, port=port, log_level="info", access_log=access_log)
    _serve_watching(config, _watcher(watch_feeds, every, path, settings))


def _watcher(feeds: tuple[str, ...], every: str, db: str, settings: Settings) -> Watcher:
    from equipoise.cli.watch import status_line
    from equipoise.store import Store
    from equipoise.watch import Watcher, feed_urls, parse_interval

    return Watcher(feed_urls(feeds), settings=settings, store=Store(db),
                   every=parse_interval(every), status=status_line)


def _serve_watching(config: uvicorn.Config, watcher: Watcher) -> None:
    """uvicorn, stopping the watcher (after its batch in hand) as the server shuts down:
    uvicorn re-raises SIGTERM once it is down, which would end the process mid-batch."""
    import socket

    import uvicorn

    class Server(uvicorn.Server):
        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            await super().shutdown(sockets)
            _stop(watcher)

    watcher.start()
    try:
        Server(config).run()
    except KeyboardInterrupt:
        # uvicorn raises the Ctrl-C again once it is down; that is the documented way to
        # stop, not an abort (plain `serve` exits 0 on it too).
        pass
    finally:
        _stop(watcher)


def _stop(watcher: Watcher) -> None:
    if not watcher.stopped:
        watcher.stop()
        click.echo("watcher stopped", err=True)
    if watcher.error is not None:
        raise watcher.error


commands: list[click.Command] = [serve_cmd]
