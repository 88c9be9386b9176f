"""``equipoise watch`` (follow feeds) and ``equipoise feeds`` (their health)."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of

if TYPE_CHECKING:
    from equipoise.store import FeedState
    from equipoise.watch import RoundSummary


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, metavar="INTERVAL",
              help="How often each feed is polled: 90s, 15m, 1h, ... A changed interval "
                   "counts from each feed's last poll at once.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--once", is_flag=True, help="Poll the feeds that are due once, then exit.")
@click.option("--workers", type=int, default=None,
              help="Coding processes (default: the `workers` setting).")
@click.pass_context
def watch_cmd(ctx: click.Context, feeds: tuple[str, ...], every: str, db: str | None,
              once: bool, workers: int | None) -> None:
    """Follow FEEDS (RSS/Atom URLs, or .urls files listing them) and ingest what is new.

    State is kept in the store: a restart resumes without fetching again what was
    taken in. Ctrl-C or SIGTERM stops after the batch in hand is stored. With --once the
    exit code is 1 when a feed or an item failed (each is listed with its reason).
    """
    from equipoise.store import Store
    from equipoise.watch import feed_urls, parse_interval, watch

    settings = settings_of(ctx)
    urls = feed_urls(feeds)
    seconds = parse_interval(every)
    store = Store(db or settings.db)
    click.echo(f"watching {len(urls)} feed(s) every {every} -> {store.path}", err=True)
    with _stop_on_signals() as stop:
        rounds = watch(urls, settings=settings, store=store, every=seconds, stop=stop,
                       once=once, status=status_line, workers=workers)
    click.echo("stopped", err=True)
    if once and any(r.failures for r in rounds):
        ctx.exit(1)  # as ingest does: a scheduled --once run can tell a failure


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """Ctrl-C and SIGTERM set the event (a second Ctrl-C interrupts at once)."""
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        click.echo("stopping after the batch in hand...", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def status_line(s: RoundSummary) -> None:
    """One line per round on stderr, then the feeds that failed and why."""
    when = s.started.astimezone().strftime("%H:%M:%S")
    if s.error:
        click.echo(f"{when} round failed, trying again later: {s.error}", err=True)
        return
    after = f"; next poll {_clock(s.next_poll)}" if s.next_poll else ""
    click.echo(f"{when} polled {s.due - s.deferred} of {s.due} due feed(s): {s.new} new, "
               f"{s.unchanged} unchanged, {s.failed} failed; {s.items} item(s) -> "
               f"{s.articles} article(s), {s.events} event(s){after}", err=True)
    for f in s.failures:
        click.echo(f"  {f.stage}: {f.source}: {f.reason}", err=True)


def _clock(moment: datetime) -> str:
    """Local wall-clock time of a UTC moment (the store keeps them without a zone)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%H:%M:%S")


@click.command("feeds")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def feeds_cmd(ctx: click.Context, db: str | None, fmt: str) -> None:
    """The feeds followed in the store and their health: last poll, failures, items."""
    from equipoise.store import Store, list_feeds

    states = list_feeds(Store(db or settings_of(ctx).db))
    if fmt == "json":
        for state in states:
            click.echo(json.dumps(_as_dict(state)))
        return
    if not states:
        click.echo("no feeds followed yet; start with equipoise watch FEEDS")
        return
    click.echo(f"{'status':<10} {'fails':>5} {'items':>6}  {'last polled (UTC)':<19}  "
               f"{'next poll (UTC)':<19}  url")
    for s in states:
        click.echo(f"{s.last_status or '-':<10} {s.failures:>5} {s.items:>6}  "
                   f"{_iso(s.last_polled):<19}  {_iso(s.next_poll):<19}  {s.url}")
        if s.last_error:
            click.echo(f"{'':<10} last error: {s.last_error}")


def _iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def _as_dict(s: FeedState) -> dict[str, object]:
    return {
        "url": s.url, "title": s.title, "status": s.last_status, "failures": s.failures,
        "items": s.items, "polls": s.polls, "last_polled": _iso_or_none(s.last_polled),
        "last_success": _iso_or_none(s.last_success), "next_poll": _iso_or_none(s.next_poll),
        "last_error": s.last_error, "etag": s.etag, "last_modified": s.last_modified,
    }  # fmt: skip


def _iso_or_none(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


commands: list[click.Command] = [watch_cmd, feeds_cmd]
