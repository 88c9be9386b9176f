"""The store sink clusters every few batches and at the end of a run, not after each batch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from equipoise.job.run import StoreSink
from equipoise.models import Actor, Article, Event, Evidence, event_id
from equipoise.store import ArticleRecord, RunCounts, Store

KOR = Actor("Seoul", None, "KOR")
JPN = Actor("Tokyo", None, "JPN")


def _batch(n: int) -> tuple[list[ArticleRecord], list[Event]]:
    text = f"Seoul and Tokyo met, report {n}."
    article = Article(id=f"a{n}", text=text, published=date(2026, 1, 14), source=f"{n}.txt")
    event = Event(id=event_id(article.id, 0, len(text), "CONSULT"), article_id=article.id,
                  event_type="CONSULT", status="occurred", actor=(KOR,), recipient=(JPN,),
                  evidence=Evidence(text, 0, len(text)), date=date(2026, 1, 13),
                  date_precision="day")
    return [ArticleRecord(article, "coded")], [event]


def _clustered(store: Store) -> list[int]:
    with store.connect(read_only=True) as con:
        rows = con.execute("SELECT count(m.event_id), count(DISTINCT m.cluster_id) FROM events e "
                           "LEFT JOIN event_cluster_members m ON m.event_id = e.id").fetchone()
    assert rows is not None
    return [int(rows[0]), int(rows[1])]


def test_reports_are_clustered_every_few_batches_and_at_the_end(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    sink = StoreSink(store, "ingest", cluster_every=2)
    sink.write(0, *_batch(0))
    assert _clustered(store) == [0, 0]  # not yet: a story of its own meanwhile
    sink.write(1, *_batch(1))
    assert _clustered(store) == [2, 1]  # the second batch: one meeting, two reports
    sink.write(2, *_batch(2))
    assert _clustered(store) == [2, 1]
    sink.finish(RunCounts(read=3, new=3, events=3))
    assert _clustered(store) == [3, 1]
