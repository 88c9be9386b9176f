"""The one ingest job: screen, code, commit; every write path into the store runs it.

``run_job`` takes inputs (articles, or failures to record), screens each batch
(``screen.py``), hands the articles to code to an executor (this process, a process
pool or a Dask cluster; all run ``pipeline.code_batch``, which returns one outcome per
article, failures included) and gives each coded batch to a sink in input order:
the store (articles, events, outcomes and touched clusters in one transaction) or a
Parquet folder that ``load`` brings into the store later through the same sink.
A run killed at any point leaves whole batches only; re-running skips what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from equipoise.config import Settings
from equipoise.job.screen import Screen, Screened
from equipoise.models import Article, Event, Failure
from equipoise.pipeline import Outcome, batched
from equipoise.scale.parallel import Executor, ordered_map
from equipoise.scale.parquet import fresh_folder, write_part
from equipoise.store import ArticleRecord, RunCounts, Store

__all__ = ["IngestSummary", "ParquetSink", "Progress", "Sink", "StoreSink", "run_job"]

Progress = Callable[[str], None]
Item = Article | Failure


@dataclass(slots=True)
class IngestSummary:
    """What one run did; ``failures`` name each failed or skipped input with its stage."""

    run_id: str
    counts: RunCounts = field(default_factory=RunCounts)
    failures: list[Failure] = field(default_factory=list)
    batches: int = 0
    # ``load`` only: events of articles the store already held under the same id and
    # text, rewritten in place; ``counts.events`` leaves them out
    events_already_stored: int = 0

    @property
    def already_stored(self) -> int:
        """Inputs the store already kept under their own id and text (not duplicates)."""
        return self.counts.already_stored


class Sink(Protocol):
    """Where coded batches go, in input order."""

    run_id: str

    def write(self, number: int, records: list[ArticleRecord], events: list[Event]) -> None: ...

    def finish(self, counts: RunCounts) -> None: ...


# Batches written between two clustering passes of a run (see StoreSink).
CLUSTER_EVERY = 16


class StoreSink:
    """The store: one transaction per batch; clusters settled every ``CLUSTER_EVERY``
    batches and at the end, when the run row is closed.

    Clustering a batch's events re-reads every stored event of their merge keys
    (type, status, dyad), so clustering after each batch cost more as the store grew
    and repeated the work for busy dyads; a pass over many batches reads each key
    once. Until it runs, the newest events are stories of their own.
    """

    def __init__(self, store: Store, command: str, *, cluster_every: int = CLUSTER_EVERY
                 ) -> None:
        self.store = store
        self.run_id = store.start_run(command)
        self.cluster_every = max(1, cluster_every)
        store.ensure_pairs()  # once after an upgrade, or after the store was changed by hand

    def write(self, number: int, records: list[ArticleRecord], events: list[Event]) -> None:
        self.store.commit(records, events, run_id=self.run_id, cluster=False)
        if (number + 1) % self.cluster_every == 0:
            self.store.update_clusters()

    def finish(self, counts: RunCounts) -> None:
        self.store.update_clusters()
        self.store.finish_run(self.run_id, counts)


class ParquetSink:
    """A folder of Parquet parts, one per batch (see ``scale/parquet.py``)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = fresh_folder(Path(folder))
        self.run_id = f"parquet:{self.folder}"

    def write(self, number: int, records: list[ArticleRecord], events: list[Event]) -> None:
        write_part(self.folder, number, records, events)

    def finish(self, counts: RunCounts) -> None:
        return None


def run_job(items: Iterable[Item], *, settings: Settings, screen: Screen, executor: Executor,
            sink: Sink, progress: Progress | None = None) -> IngestSummary:
    """Screen, code and write ``items`` batch by batch; returns what was done."""
    summary = IngestSummary(sink.run_id)
    screened = (screen.batch(batch, summary.counts, summary.failures)
                for batch in batched(items, settings.batch_size))
    pairs = ordered_map(screened, lambda p: executor.submit(p.to_code),
                        max_in_flight=executor.max_in_flight)
    for number, (pending, outcomes) in enumerate(pairs):
        records, events = _settle(pending, outcomes, summary)
        sink.write(number, records, events)
        summary.batches += 1
        screen.written(pending.items)
        if progress is not None:
            for item in pending.items:
                progress(item.source)
    sink.finish(summary.counts)
    return summary


def _settle(pending: Screened, outcomes: list[Outcome], summary: IngestSummary
            ) -> tuple[list[ArticleRecord], list[Event]]:
    """The batch's records and events, with each coding outcome counted and recorded."""
    records = list(pending.records)
    events: list[Event] = []
    for outcome in outcomes:
        assert outcome.article is not None  # coded inputs are articles
        if outcome.status == "coded":
            summary.counts.new += 1
            summary.counts.events += len(outcome.events)
            records.append(ArticleRecord(outcome.article, "coded"))
            events.extend(outcome.events)
            continue
        summary.counts.failed += 1
        failure = outcome.failure()
        summary.failures.append(failure)
        records.append(ArticleRecord(outcome.article, "failed",
                                     error=f"{failure.stage}: {failure.reason}"))
    return records, events

