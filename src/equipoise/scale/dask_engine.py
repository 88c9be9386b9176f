"""The Dask engine: the same per-article function on a Dask cluster, Parquet out.

This process reads, cleans and deduplicates (within the run; ``load`` checks against
the store), sends batches of new articles to the cluster and keeps at most a few
batches per worker in flight. Each worker codes its batch and writes the batch's
Parquet part itself, so only counts come back; the folder must therefore be
reachable by every worker (a shared or local disk for a ``LocalCluster``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from equipoise.config import Settings
from equipoise.ingest.dedup import DuplicateIndex
from equipoise.ingest_run import IngestSummary, Progress, failed_article
from equipoise.models import Article, Failure
from equipoise.pipeline import read_articles
from equipoise.scale.errors import ScaleError
from equipoise.scale.parallel import IN_FLIGHT_PER_WORKER, code_batch_with, ordered_map
from equipoise.scale.parquet import write_part
from equipoise.store.write import ArticleRecord

__all__ = ["ingest_to_parquet"]


@dataclass(frozen=True, slots=True)
class _Part:
    number: int
    items: list[Article | Failure]
    records: list[ArticleRecord]
    to_code: list[Article]


def code_part(number: int, records: Sequence[ArticleRecord], to_code: Sequence[Article],
              settings: Settings, out_dir: str) -> int:
    """Run on a worker: code a batch, write its Parquet part, return its event count."""
    events = code_batch_with(to_code, settings)
    all_records = [*records, *(ArticleRecord(a, "coded") for a in to_code)]
    write_part(Path(out_dir), number, all_records, events)
    return len(events)


class _Screen:
    """Language check and duplicates within this run, without loading spaCy here."""

    def __init__(self, settings: Settings, summary: IngestSummary) -> None:
        self.languages = settings.languages
        self.index = DuplicateIndex(threshold=settings.near_duplicate_threshold)
        self.summary = summary

    def record(self, item: Article | Failure) -> ArticleRecord | bool:
        """The record to store as is, True to code the article, False to drop a repeat."""
        self.summary.read += 1
        if isinstance(item, Failure):
            self.summary.failed += 1
            self.summary.failures.append(item)
            return ArticleRecord(failed_article(item), "failed",
                                 error=f"{item.stage}: {item.reason}")
        if item.language and item.language not in self.languages:
            reason = f"language {item.language} is not one of {', '.join(self.languages)}"
            self.summary.skipped += 1
            self.summary.failures.append(Failure(item.source, "language", reason, item.id))
            return ArticleRecord(item, "skipped", error=reason)
        verdict = self.index.check_and_add(item.id, item.text, item.content_hash)
        if verdict.kind == "new":
            self.summary.new += 1
            return True
        self.summary.duplicates += 1
        if verdict.canonical_id == item.id:
            return False  # the same input read twice: its first reading stands
        return ArticleRecord(item, "duplicate", canonical_id=verdict.canonical_id,
                             error=f"{verdict.kind} duplicate of {verdict.canonical_id}")

    def parts(self, items: Iterable[Article | Failure], size: int) -> Iterator[_Part]:
        batch: list[Article | Failure] = []
        number = 0
        for item in items:
            batch.append(item)
            if len(batch) >= max(1, size):
                yield self._part(number, batch)
                number, batch = number + 1, []
        if batch:
            yield self._part(number, batch)

    def _part(self, number: int, batch: list[Article | Failure]) -> _Part:
        records: list[ArticleRecord] = []
        to_code: list[Article] = []
        for item in batch:
            outcome = self.record(item)
            if isinstance(outcome, ArticleRecord):
                records.append(outcome)
            elif outcome and isinstance(item, Article):
                to_code.append(item)
        return _Part(number, batch, records, to_code)


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ScaleError("the Dask engine needs the 'distributed' package") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)  # type: ignore[no-untyped-call]


def _close(client: Any) -> None:
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def _fresh_folder(out: Path) -> Path:
    """The output folder, without parts left by an earlier run (they would be loaded too)."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise ScaleError(f"--parquet {out} is a file; give a folder")
    for sub in ("events", "articles"):
        for old in (out / sub).glob("part-*.parquet*"):
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def ingest_to_parquet(paths: Iterable[str], *, settings: Settings, out_dir: str | Path,
                      scheduler: str | None = None, workers: int = 1,
                      published: date | None = None, progress: Progress | None = None
                      ) -> IngestSummary:
    """Code every input under ``paths`` on a Dask cluster into a Parquet folder."""
    out = _fresh_folder(Path(out_dir))
    summary = IngestSummary(run_id=f"parquet:{out}")
    screen = _Screen(settings, summary)
    parts = screen.parts(read_articles(paths, settings=settings, published=published),
                         settings.batch_size)
    client = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(p: _Part) -> Any:
            return client.submit(code_part, p.number, p.records, p.to_code, settings, str(out),
                                 pure=False)

        for part, n_events in ordered_map(parts, submit,
                                          max_in_flight=n_workers * IN_FLIGHT_PER_WORKER):
            summary.events += n_events
            if progress is not None:
                for item in part.items:
                    progress(item.source)
    finally:
        _close(client)
    return summary
