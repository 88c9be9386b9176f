"""Parallel ingest: order, bounded look-ahead, and the same store with 1 or 2 workers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.config import Settings, load_settings
from equipoise.errors import ConfigError
from equipoise.job import entry, ingest
from equipoise.models import Article, Failure
from equipoise.scale.parallel import ordered_map, resolve_workers
from equipoise.store.db import Store


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(environ={}).with_overrides(batch_size=2)



def test_ordered_map_keeps_input_order_when_later_items_finish_first() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        def late(i: int) -> int:
            time.sleep(0.02 * (4 - i % 4))
            return i * 10

        def submit(i: int) -> Future[int]:
            return pool.submit(late, i)

        out = list(ordered_map(range(12), submit, max_in_flight=4))
    assert out == [(i, i * 10) for i in range(12)]


def test_ordered_map_reads_at_most_max_in_flight_ahead() -> None:
    pulled: list[int] = []

    def source() -> Iterator[int]:
        for i in range(100):
            pulled.append(i)
            yield i

    def submit(i: int) -> Future[int]:
        future: Future[int] = Future()
        future.set_result(i)
        return future

    for taken, (item, _) in enumerate(ordered_map(source(), submit, max_in_flight=3), start=1):
        assert len(pulled) - taken <= 2
        assert item == taken - 1
    assert len(pulled) == 100


def test_ordered_map_passes_worker_errors_on() -> None:
    def submit(i: int) -> Future[int]:
        future: Future[int] = Future()
        future.set_exception(ValueError(f"bad {i}"))
        return future

    with pytest.raises(ValueError, match="bad 0"):
        list(ordered_map(range(3), submit, max_in_flight=2))


@pytest.mark.parametrize(("value", "expected"), [(None, 3), (1, 1), ("2", 2), (4, 4)])
def test_resolve_workers(value: int | str | None, expected: int) -> None:
    assert resolve_workers(value, default=3) == expected


def test_zero_and_auto_mean_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert resolve_workers(0) == resolve_workers("auto") == 6


@pytest.mark.parametrize("value", [-1, "many"])
def test_bad_worker_counts_are_config_errors(value: int | str) -> None:
    with pytest.raises(ConfigError):
        resolve_workers(value)


def _store_rows(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    with store.connect(read_only=True) as con:
        events = con.execute(
            "SELECT id, article_id, event_type, status, date, evidence_start, evidence_end "
            "FROM events ORDER BY id").fetchall()
        articles = con.execute("SELECT id, status FROM articles ORDER BY id").fetchall()
        clusters = con.execute(
            "SELECT event_id, cluster_id FROM event_cluster_members ORDER BY event_id").fetchall()
    return events, articles, clusters


def test_two_workers_store_the_same_events_as_one(
    settings: Settings, sample_files: list[str], tmp_path: Path
) -> None:
    one, two = Store(tmp_path / "one.duckdb"), Store(tmp_path / "two.duckdb")
    s1 = ingest(sample_files, settings=settings, store=one, workers=1)
    s2 = ingest(sample_files, settings=settings, store=two, workers=2)
    c1, c2 = s1.counts, s2.counts
    assert (c1.read, c1.new, c1.events) == (c2.read, c2.new, c2.events) == (6, 6, c1.events)
    assert c1.events > 6
    assert _store_rows(one) == _store_rows(two)


def test_workers_keep_input_order_and_bounded_lookahead(
    settings: Settings, sample_files: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = entry.read_articles
    pulled: list[str] = []

    def counting(*args: object, **kwargs: object) -> Iterator[Article | Failure]:
        for item in real(*args, **kwargs):  # type: ignore[arg-type]
            pulled.append(item.source)
            yield item

    monkeypatch.setattr(entry, "read_articles", counting)
    done: list[tuple[str, int]] = []
    ingest(sample_files * 3, settings=settings.with_overrides(batch_size=1),
           store=Store(tmp_path / "s.duckdb"), workers=2,
           progress=lambda source: done.append((source, len(pulled))))
    assert [s for s, _ in done] == pulled == sample_files * 3
    # 2 workers x 2 batches in flight, batches of 1, plus the batch being screened
    assert max(ahead - i - 1 for i, (_, ahead) in enumerate(done)) <= 4


def test_cli_ingest_with_workers_reports_as_before(sample_files: list[str],
                                                   tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", *sample_files[:3], "--db", str(db), "--workers", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "read 3, new 3, already stored 0, duplicates skipped 0, skipped 0, failed 0; ")
    assert f"events -> {db} (run " in result.output
