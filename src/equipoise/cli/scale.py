"""``equipoise load`` and ``equipoise merge``: Parquet into the store, event clusters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of
from equipoise.errors import StoreError

if TYPE_CHECKING:
    from equipoise.store import RunCounts


@click.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.pass_context
def load_cmd(ctx: click.Context, folder: str, db: str | None) -> None:
    """Load a Parquet FOLDER written by `ingest --engine dask` into the store (idempotent)."""
    from equipoise.job import load_parquet
    from equipoise.store import Store

    path = db or settings_of(ctx).db
    s = load_parquet(folder, Store(path))
    c = s.counts
    click.echo(f"loaded {s.batches} parts: {c.read} articles read, {c.new} added, "
               f"{s.already_stored} already stored, {c.duplicates} duplicates of a stored "
               f"text; {c.events} events added, {s.events_already_stored} already stored"
               f"{_other(c)} -> {path} (run {s.run_id})")


def _other(c: RunCounts) -> str:
    """Failed and skipped inputs recorded in the Parquet folder, when there are any."""
    parts = [f"{n} {label}" for n, label in ((c.failed, "failed"), (c.skipped, "skipped")) if n]
    return f" ({', '.join(parts)})" if parts else ""


@click.command("merge")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--day-tolerance", type=click.IntRange(min=0), default=1, show_default=True,
              help="Days apart two day-precise reports of one event may be.")
@click.option("--week-tolerance", type=click.IntRange(min=0), default=7, show_default=True,
              help="Days apart when either report is only week-precise.")
@click.pass_context
def merge_cmd(ctx: click.Context, db: str | None, day_tolerance: int,
              week_tolerance: int) -> None:
    """Rebuild the event clusters: one per event reported by one or more articles."""
    from equipoise.store import MergeOptions, Store

    path = db or settings_of(ctx).db
    if not Path(path).exists():  # merging nothing would create an empty store
        raise StoreError(f"no store at {path}; run equipoise ingest first")
    s = Store(path).merge_all(options=MergeOptions(day=day_tolerance, week=week_tolerance))
    click.echo(f"{s.events} events in {s.clusters} clusters ({s.keys} type/dyad keys) -> {path}")


commands = [load_cmd, merge_cmd]
