"""The ``ingest`` job: sources into the store, batch by batch, resumable.

Each batch of new articles is parsed with ``nlp.pipe``, coded, and written with its
articles in one transaction, so a run killed at any point leaves whole batches only;
re-running skips what is stored (same id or same content) and codes the rest.
With several workers, batches are coded in worker processes and come back in input
order; this process stays the only reader, deduplicator and writer. After each batch
the event clusters its events touch are recomputed (see ``scale/merge.py``).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import duckdb

from equipoise.config import Settings
from equipoise.ingest.dedup import DuplicateIndex
from equipoise.models import Article, Event, Failure, RawDocument, content_hash
from equipoise.pipeline import Resources, clean_documents, is_codable, read_articles
from equipoise.scale.merge import recluster, update_clusters
from equipoise.scale.parallel import make_coder, ordered_map, resolve_workers
from equipoise.store.db import Store
from equipoise.store.pairs import ensure_pairs
from equipoise.store.write import (
    ArticleRecord,
    RunCounts,
    coded_ids,
    finish_run,
    recent_coded,
    start_run,
    stored_hashes,
    write_rows,
)

Progress = Callable[[str], None]


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did; ``failures`` name each failed or skipped input."""

    run_id: str = ""
    read: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    def counts(self) -> RunCounts:
        return RunCounts(read=self.read, new=self.new, duplicates=self.duplicates,
                         skipped=self.skipped, failed=self.failed, events=self.events)


def failed_article(failure: Failure) -> Article:
    """A stand-in article row that records an input that could not be read."""
    ident = failure.article_id or f"failed-{content_hash(failure.source)}"
    return Article(id=ident, text="", source=failure.source)


class _Dedup:
    """Exact duplicates against the store and this run; near duplicates by MinHash.

    Content hashes are looked up in the store once per batch; only the hashes of
    batches read but not yet written are held here, so memory does not grow with
    the run.
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.near = DuplicateIndex(threshold=settings.near_duplicate_threshold)
        self.stored: dict[str, str] = {}
        self.unwritten: dict[str, str] = {}
        # a resumed or later run still sees the recent stories as candidates for near copies
        with store.connect() as con:
            for ident, text, digest in recent_coded(con, self.near.window):
                self.near.add_existing(ident, text, digest)

    def look_up(self, batch: list[Article | Failure]) -> None:
        """Fetch from the store the kept article of each content hash in ``batch``."""
        hashes = [a.content_hash for a in batch if isinstance(a, Article) and a.content_hash]
        with self.store.connect() as con:
            self.stored = stored_hashes(con, hashes)

    def verdict(self, article: Article) -> tuple[str, str | None]:
        digest = article.content_hash
        stored = self.unwritten.get(digest) or self.stored.get(digest)
        if stored is not None:
            return ("stored" if stored == article.id else "exact"), stored
        result = self.near.check_and_add(article.id, article.text, digest)
        self.unwritten[digest] = article.id
        if result.kind == "near":
            return "near", result.canonical_id
        return "new", None

    def written(self, batch: list[Article | Failure]) -> None:
        """The batch is in the store now: its hashes are found there from here on."""
        for item in batch:
            if isinstance(item, Article) and self.unwritten.get(item.content_hash) == item.id:
                del self.unwritten[item.content_hash]


@dataclass(frozen=True, slots=True)
class _Pending:
    """A screened batch: its inputs, the records to store as is, the articles to code."""

    items: list[Article | Failure]
    records: list[ArticleRecord]
    to_code: list[Article]


def ingest(paths: Iterable[str], *, settings: Settings, store: Store,
           published: date | None = None, progress: Progress | None = None,
           workers: int | str | None = None,
           documents: Iterable[RawDocument | Failure] | None = None) -> IngestSummary:
    """Read, clean, deduplicate, code and store every input under ``paths``.

    ``workers``: coding processes (None: the ``workers`` setting; 0 or "auto": all cores).
    ``documents``: raw documents from elsewhere (the feed watcher), read after ``paths``.
    """
    n_workers = resolve_workers(workers, default=settings.workers)
    summary = IngestSummary(run_id=start_run(store, "ingest"))
    with store.connect() as con:
        ensure_pairs(con)  # once after an upgrade, or after the store was changed by hand
    resources = Resources.load(settings)
    dedup = _Dedup(store, settings)
    items: Iterator[Article | Failure] = read_articles(paths, settings=settings,
                                                       published=published)
    if documents is not None:
        items = itertools.chain(items, clean_documents(documents, settings=settings,
                                                       published=published))
    screened = (_pending(batch, dedup, resources, summary)
                for batch in _batches(items, settings.batch_size))
    with make_coder(settings, n_workers, resources) as coder:
        for pending, events in ordered_map(screened, lambda p: coder.submit(p.to_code),
                                           max_in_flight=coder.max_in_flight):
            _store(pending, events, store, summary)
            dedup.written(pending.items)
            if progress is not None:
                for item in pending.items:
                    progress(item.source)
    update_clusters(store)
    finish_run(store, summary.run_id, summary.counts())
    return summary


def _pending(batch: list[Article | Failure], dedup: _Dedup, resources: Resources,
             summary: IngestSummary) -> _Pending:
    dedup.look_up(batch)
    records, to_code = _screen(batch, dedup, resources, summary)
    return _Pending(batch, records, to_code)


def _store(pending: _Pending, events: list[Event], store: Store, summary: IngestSummary) -> None:
    summary.new += len(pending.to_code)
    summary.events += len(events)
    # One connection and one transaction per batch: each open and close checkpoints
    # the file, and the server waits for the lock meanwhile.
    with store.connect() as con:
        kept = coded_ids(con, [r.article.id for r in pending.records
                               if r.status in ("failed", "skipped")])
        # a failed re-read of a stored article keeps the coded article and its events
        records = [r for r in pending.records if r.article.id not in kept or
                   r.status not in ("failed", "skipped")]
        records += [ArticleRecord(a, "coded") for a in pending.to_code]
        con.begin()
        try:
            write_rows(con, records, events, run_id=summary.run_id)
            if events:
                recluster(con, [e.id for e in events])
            con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # keep the first error
                con.rollback()
            raise


def _batches(items: Iterator[Article | Failure], size: int
             ) -> Iterator[list[Article | Failure]]:
    batch: list[Article | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


def _screen(batch: list[Article | Failure], dedup: _Dedup, resources: Resources,
            summary: IngestSummary) -> tuple[list[ArticleRecord], list[Article]]:
    """Records for the articles not to code (failed, skipped, copies) and those to code."""
    records: list[ArticleRecord] = []
    to_code: list[Article] = []
    for item in batch:
        summary.read += 1
        if isinstance(item, Failure):
            summary.failed += 1
            summary.failures.append(item)
            records.append(ArticleRecord(failed_article(item), "failed",
                                         error=f"{item.stage}: {item.reason}"))
            continue
        action, record = _outcome(item, dedup, resources, summary)
        if action == "code":
            to_code.append(item)
        elif record is not None:
            records.append(record)
    return records, to_code


def _outcome(article: Article, dedup: _Dedup, resources: Resources, summary: IngestSummary
             ) -> tuple[str, ArticleRecord | None]:
    """("code", None), ("write", record) for a skip or a copy, or ("none", None) when the
    article is stored already."""
    reason = is_codable(article, resources)
    if reason is not None:
        summary.skipped += 1
        summary.failures.append(Failure(article.source, "language", reason, article.id))
        return "write", ArticleRecord(article, "skipped", error=reason)
    kind, canonical = dedup.verdict(article)
    if kind == "new":
        return "code", None
    summary.duplicates += 1
    if kind == "stored":
        return "none", None
    return "write", ArticleRecord(article, "duplicate", error=f"{kind} duplicate of {canonical}",
                                  canonical_id=canonical)
