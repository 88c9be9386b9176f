"""The write paths, each a few lines over ``run_job``: files, a Dask cluster, Parquet, the API.

``ingest`` (files into the store, in this process or a process pool),
``ingest_to_parquet`` (files on a Dask cluster into a Parquet folder),
``load_parquet`` (that folder into the store) and ``ingest_document`` (one article
posted to the API) differ only in where inputs come from, which executor codes them
and which sink takes the batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from equipoise.config import Settings
from equipoise.ingest.readers import files_under
from equipoise.ingest.warc import is_warc
from equipoise.job.files import warc_files_to_parquet
from equipoise.job.run import (
    IngestSummary,
    ParquetSink,
    Progress,
    StoreSink,
    run_job,
)
from equipoise.job.screen import Screen, failed_article
from equipoise.models import Article, Event, Failure, RawDocument
from equipoise.pipeline import clean_documents, nonempty, read_articles
from equipoise.scale.dask_engine import DaskExecutor
from equipoise.scale.parallel import make_executor, resolve_workers
from equipoise.scale.parquet import iter_parts
from equipoise.store import ArticleRecord, RunCounts, Store

__all__ = ["ingest", "ingest_document", "ingest_documents", "ingest_to_parquet",
           "load_parquet"]


def ingest(paths: Iterable[str], *, settings: Settings, store: Store,
           published: date | None = None, progress: Progress | None = None,
           workers: int | str | None = None) -> IngestSummary:
    """Read, clean, deduplicate, code and store every input under ``paths``.

    ``workers``: coding processes (None: the ``workers`` setting; 0 or "auto": all cores).
    Raises ``InputError``, creating no store, when ``paths`` hold nothing readable.
    """
    paths = list(paths)
    n_workers = resolve_workers(workers, default=settings.workers)
    items = nonempty(paths, read_articles(paths, settings=settings, published=published))
    # one connection for the run's look-ups and writes, not one (and a checkpoint) per batch
    with store.holding() as held, make_executor(settings, n_workers) as executor:
        return run_job(items, settings=settings, screen=Screen(settings, held),
                       executor=executor, sink=StoreSink(held, "ingest"), progress=progress)


def ingest_documents(documents: Iterable[RawDocument | Failure], *, settings: Settings,
                     store: Store, command: str, progress: Progress | None = None,
                     workers: int | str | None = None) -> IngestSummary:
    """Raw documents from elsewhere (the feed watcher's pages) into the store.

    ``documents`` is read lazily, batch by batch, so a caller can stop feeding it.
    """
    n_workers = resolve_workers(workers, default=settings.workers)
    items = clean_documents(documents, settings=settings)
    with make_executor(settings, n_workers) as executor:
        return run_job(items, settings=settings, screen=Screen(settings, store),
                       executor=executor, sink=StoreSink(store, command), progress=progress)


def ingest_to_parquet(paths: Iterable[str], *, settings: Settings, out_dir: str | Path,
                      scheduler: str | None = None, workers: int = 1,
                      published: date | None = None, progress: Progress | None = None
                      ) -> IngestSummary:
    """Code every input under ``paths`` on a Dask cluster into a Parquet folder.

    Duplicates are found within the run; ``load_parquet`` checks against the store.
    When every input is a WARC file, each file is one task read and coded on a worker,
    and a rerun keeps the files already written (``job/files.py``); other inputs are
    read here and coded in batches.
    """
    paths = list(paths)
    warcs = _warc_files(paths)
    if warcs:
        return warc_files_to_parquet(warcs, settings=settings, out_dir=out_dir,
                                     scheduler=scheduler, workers=workers,
                                     published=published, progress=progress)
    items = nonempty(paths, read_articles(paths, settings=settings, published=published))
    sink = ParquetSink(out_dir)
    with DaskExecutor(settings, scheduler=scheduler, workers=workers) as executor:
        return run_job(items, settings=settings, screen=Screen(settings, None),
                       executor=executor, sink=sink, progress=progress)


def _warc_files(paths: list[str]) -> list[str]:
    """The inputs under ``paths`` when all are WARC files (read where they are coded)."""
    files = files_under(paths)
    if files and all(f.is_file() and is_warc(f) for f in files):
        return [str(f) for f in files]
    return []


def ingest_document(doc: RawDocument, *, settings: Settings, store: Store,
                    command: str = "serve POST /api/articles") -> str:
    """One document (as posted to the API) through the job, coded in this process.

    Returns the id its outcome is stored under (ask ``store.article`` for it): its own,
    or the stand-in id of an input that could not be cleaned.
    """
    items = list(clean_documents([doc], settings=settings, published=None))
    item = items[0]
    article_id = item.id if isinstance(item, Article) else failed_article(item).id
    sink = StoreSink(store, command)
    with make_executor(settings, 1) as executor:
        run_job(items, settings=settings, screen=Screen(settings, store), executor=executor,
                sink=sink)
    return article_id


def load_parquet(folder: str | Path, store: Store) -> IngestSummary:
    """Bring a Parquet folder into the store, one transaction per part; loading twice
    changes nothing (rows are replaced by id), and a text the store holds under another
    id becomes a recorded duplicate. The summary tells what was added from what the store
    already held, so a second load says it added nothing."""
    parts = iter_parts(Path(folder))
    sink = StoreSink(store, "load")
    summary = IngestSummary(sink.run_id)
    for number, (records, events) in enumerate(parts):
        records, events = _against_store(store, records, events, summary)
        sink.write(number, records, events)
        summary.batches += 1
    sink.finish(summary.counts)
    return summary


def _against_store(store: Store, records: list[ArticleRecord], events: list[Event],
                   summary: IngestSummary) -> tuple[list[ArticleRecord], list[Event]]:
    """Coded articles whose text the store keeps under another id become duplicates;
    those it keeps under their own id are counted as already stored."""
    counts = summary.counts
    kept = store.stored_hashes([r.article.content_hash for r in records
                                if r.status == "coded" and r.article.content_hash])
    out: list[ArticleRecord] = []
    copies: set[str] = set()
    present: set[str] = set()
    for r in records:
        canonical = kept.get(r.article.content_hash) if r.status == "coded" else None
        if canonical is not None and canonical != r.article.id:
            copies.add(r.article.id)
            r = ArticleRecord(r.article, "duplicate", error=f"exact duplicate of {canonical}",
                              canonical_id=canonical)
        if canonical is not None and canonical == r.article.id:
            present.add(r.article.id)
            counts.read += 1
            counts.already_stored += 1
        else:
            _count(counts, r.status)
        out.append(r)
    events = [e for e in events if e.article_id not in copies]
    already = sum(e.article_id in present for e in events)
    summary.events_already_stored += already
    counts.events += len(events) - already
    return out, events


def _count(counts: RunCounts, status: str) -> None:
    counts.read += 1
    if status == "coded":
        counts.new += 1
    elif status == "duplicate":
        counts.duplicates += 1
    elif status == "skipped":
        counts.skipped += 1
    else:
        counts.failed += 1


