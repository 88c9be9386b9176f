"""``equipoise ingest``: files and folders into the store, with progress and a summary."""

from __future__ import annotations

from datetime import date

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from equipoise.cli import settings_of
from equipoise.cli._options import DATE
from equipoise.ingest.readers import count_inputs
from equipoise.ingest_run import IngestSummary, ingest
from equipoise.store.db import Store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--published", type=DATE, default=None,
              help="Publication date for inputs that lack one (YYYY-MM-DD).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None,
               published: date | None, quiet: bool) -> None:
    """Ingest PATHS (files or folders of .txt, .html, .json, .jsonl and feeds)."""
    settings = settings_of(ctx)
    store = Store(db or settings.db)
    console = Console(stderr=True)
    with _progress(console, quiet) as bar:
        task = bar.add_task("ingest", total=count_inputs(paths))
        summary = ingest(paths, settings=settings, store=store, published=published,
                         progress=lambda _: bar.advance(task))
    _report(summary, db or settings.db)
    if summary.failed:
        ctx.exit(1)


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "")


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeRemainingColumn(), console=console, disable=quiet,
                    transient=True)


def _report(s: IngestSummary, db: str) -> None:
    click.echo(f"read {s.read}, new {s.new}, duplicates skipped {s.duplicates}, "
               f"skipped {s.skipped}, failed {s.failed}; {s.events} events -> {db} "
               f"(run {s.run_id})")
    for f in s.failures:
        where = "" if f.reason.startswith(f.source) else f"{f.source}: "
        click.echo(f"  {f.stage}: {where}{f.reason}", err=True)


commands = [ingest_cmd]
