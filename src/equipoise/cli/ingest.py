"""``equipoise ingest``: files and folders into the store, with progress and a summary."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of
from equipoise.cli._options import DATE

if TYPE_CHECKING:
    from rich.progress import Progress

    from equipoise.config import Settings
    from equipoise.job import IngestSummary


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--published", type=DATE, default=None,
              help="Publication date for inputs that lack one (YYYY-MM-DD).")
@click.option("--workers", default=None, metavar="N|auto",
              help="Coding processes (default: the `workers` setting; 0 or auto: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="dask: code on a Dask cluster into --parquet.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (default: a local cluster of --workers processes).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the Dask engine's Parquet output (load it with equipoise load).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None,
               published: date | None, workers: str | None, engine: str,
               scheduler: str | None, parquet_dir: str | None, quiet: bool) -> None:
    """Ingest PATHS: files, folders, URLs, .urls lists and WARC web archives.

    Files and folders of .txt, .html, .json, .jsonl, RSS/Atom feeds and .warc/.warc.gz;
    an http(s) URL is a page, or a feed whose items' pages are fetched (docs/following.md).
    Each batch is stored whole; after Ctrl-C or a crash the same command resumes, skipping
    what is stored.
    """
    from rich.console import Console

    from equipoise.cli._progress import progress_bar
    from equipoise.scale.parallel import resolve_workers

    settings = settings_of(ctx)
    n_workers = resolve_workers(workers, default=settings.workers)
    if engine == "dask" and not parquet_dir:
        raise click.UsageError("--engine dask writes Parquet: give --parquet DIR")
    console = Console(stderr=True)
    try:
        summary = _run(paths, settings, db=db, published=published, n_workers=n_workers,
                       engine=engine, scheduler=scheduler, parquet_dir=parquet_dir,
                       bar=progress_bar(console, quiet))
    except KeyboardInterrupt:
        click.echo("interrupted: the batches stored before are kept whole, nothing is half "
                   "written; run the same command again to take in the rest", err=True)
        ctx.exit(130)
    _report(summary, parquet_dir or "" if engine == "dask" else (db or settings.db))
    if summary.counts.failed:
        ctx.exit(1)


def _run(paths: tuple[str, ...], settings: Settings, *, db: str | None,
         published: date | None, n_workers: int, engine: str, scheduler: str | None,
         parquet_dir: str | None, bar: Progress) -> IngestSummary:
    from equipoise.ingest.readers import count_inputs
    from equipoise.job import ingest, ingest_to_parquet
    from equipoise.store import Store

    with bar:
        task = bar.add_task("ingest", total=count_inputs(paths))
        advance = lambda _: bar.advance(task)  # noqa: E731
        if engine == "dask":
            assert parquet_dir is not None
            summary = ingest_to_parquet(paths, settings=settings, out_dir=parquet_dir,
                                        scheduler=scheduler, workers=n_workers,
                                        published=published, progress=advance)
        else:
            summary = ingest(paths, settings=settings, store=Store(db or settings.db),
                             published=published, progress=advance, workers=n_workers)
    return summary


def _report(s: IngestSummary, db: str) -> None:
    c = s.counts
    click.echo(f"read {c.read}, new {c.new}, already stored {c.already_stored}, "
               f"duplicates skipped {c.duplicates}, "
               f"skipped {c.skipped}, failed {c.failed}; {c.events} events -> {db} "
               f"(run {s.run_id})")
    for f in s.failures:
        where = "" if f.reason.startswith(f.source) else f"{f.source}: "
        click.echo(f"  {f.stage}: {where}{f.reason}", err=True)
    if s.failures:
        click.echo(f"{c.failed} input(s) failed, each recorded with its reason (above); "
                   "fix them and run the same command again: what is stored is skipped",
                   err=True)


commands = [ingest_cmd]
