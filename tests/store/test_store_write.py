"""Batch writes: contents, idempotence, all-or-nothing, runs."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from equipoise.errors import NotFoundError, StoreError
from equipoise.models import Event
from equipoise.store import (
    ArticleRecord,
    RunCounts,
    Store,
    finish_run,
    get_article,
    known_article_ids,
    known_hashes,
    recent_runs,
    start_run,
    write_batch,
)
from equipoise.store import write as write_module

from .conftest import ALL_EVENTS, ART_A, ART_B, EV_ACCUSE, EV_CONDEMN, EV_MEET, article


def _counts(store: Store) -> tuple[int, int, int]:
    with store.connect(read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM participants)"
        ).fetchone()
    assert row is not None
    return row


def _participants(store: Store, event: Event) -> list[tuple[Any, ...]]:
    with store.connect(read_only=True) as con:
        return con.execute(
            "SELECT role, position, code, name, sector FROM participants "
            "WHERE event_id = ? ORDER BY role, position",
            [event.id],
        ).fetchall()


def test_batch_writes_columns_participants_and_record(filled: Store) -> None:
    assert _counts(filled) == (4, 5, 10)
    assert _participants(filled, EV_MEET) == [
        ("actor", 0, "KOR", "Lee Jae-myung", "GOV"),
        ("recipient", 0, "JPN", "Sanae Takaichi", "GOV"),
    ]
    assert _participants(filled, EV_CONDEMN)[0][2] == "UN"
    with filled.connect(read_only=True) as con:
        row = con.execute(
            "SELECT date, place, lat, geonameid, evidence_start, contexts, json_extract_string("
            "record, '$.mode') FROM events WHERE id = ?",
            [EV_MEET.id],
        ).fetchone()
    start = ART_A.text.index("President Lee")
    assert row == (date(2026, 1, 13), "Nara", 34.685, 1855612, start, ["diplomatic"], "visit")


def test_stored_article_round_trips_events(filled: Store) -> None:
    stored = get_article(filled, ART_B.id)
    assert stored is not None
    assert stored.article == ART_B
    assert stored.status == "coded" and stored.run_id == "run-1"
    expected = tuple(e for e in ALL_EVENTS if e.article_id == "b2")
    assert stored.events == expected
    assert all(ART_B.text[e.evidence.start : e.evidence.end] == e.evidence.text for e in expected)


def test_rewrite_replaces_instead_of_duplicating(filled: Store) -> None:
    changed = replace(EV_ACCUSE, confidence=0.99)
    write_batch(filled, [ArticleRecord(ART_A, "coded")], [EV_MEET, changed], run_id="run-2")
    # EV_SUMMIT belonged to ART_A and is not in the new batch: it must be gone.
    assert _counts(filled) == (4, 4, 7)
    stored = get_article(filled, ART_A.id)
    assert stored is not None and stored.run_id == "run-2"
    assert [e.confidence for e in stored.events] == [0.86, 0.99]
    write_batch(filled, [ArticleRecord(ART_A, "coded")], [EV_MEET, changed], run_id="run-2")
    assert _counts(filled) == (4, 4, 7)


def test_duplicate_ids_within_a_batch_keep_the_last(store: Store) -> None:
    later = replace(EV_MEET, confidence=0.1)
    write_batch(store, [ArticleRecord(ART_A, "coded")] * 2, [EV_MEET, later], run_id="r")
    assert _counts(store) == (1, 1, 2)
    stored = get_article(store, ART_A.id)
    assert stored is not None and stored.events[0].confidence == 0.1


def test_failed_batch_leaves_store_untouched(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(filled)
    real_insert = write_module._insert

    def failing_insert(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
        if table == "participants":
            raise RuntimeError("disk went away")
        real_insert(con, table, rows)

    monkeypatch.setattr(write_module, "_insert", failing_insert)
    new = article("n5", "Japan and China met.", date(2026, 3, 1))
    with pytest.raises(RuntimeError, match="disk went away"):
        write_batch(
            filled,
            [ArticleRecord(ART_A, "failed", "retry"), ArticleRecord(new, "coded")],
            [replace(EV_MEET, confidence=0.01)],
            run_id="bad",
        )
    assert _counts(filled) == before
    stored = get_article(filled, ART_A.id)
    assert stored is not None and stored.status == "coded" and len(stored.events) == 3
    assert get_article(filled, "n5") is None


def test_constraint_violation_rolls_back_and_is_a_store_error(filled: Store) -> None:
    broken = replace(EV_MEET, id="x1", event_type=None)  # type: ignore[arg-type]
    new = article("n6", "text", date(2026, 3, 1))
    with pytest.raises(StoreError, match="NOT NULL"):
        write_batch(filled, [ArticleRecord(new, "coded")], [broken], run_id="bad")
    assert get_article(filled, "n6") is None


def test_unknown_article_status_is_refused() -> None:
    with pytest.raises(StoreError, match="not one of"):
        ArticleRecord(ART_A, "done")


def test_known_hashes_prefer_kept_article(filled: Store) -> None:
    copy = replace(ART_B, id="b2-copy")
    write_batch(filled, [ArticleRecord(copy, "duplicate", canonical_id="b2")], [], run_id="r2")
    hashes = known_hashes(filled)
    assert hashes[ART_B.content_hash] == "b2"
    assert hashes[ART_A.content_hash] == "a1"
    assert known_article_ids(filled) == {"a1", "b2", "f3", "s4", "b2-copy"}


def test_known_ids_on_fresh_store_are_empty(store: Store) -> None:
    assert known_article_ids(store) == set()
    assert known_hashes(store) == {}


def test_runs_are_recorded(store: Store) -> None:
    run_id = start_run(store, "ingest feeds/")
    finish_run(store, run_id, RunCounts(read=5, new=3, duplicates=1, failed=1, events=7))
    [run] = recent_runs(store)
    assert (run.id, run.command, run.new, run.duplicates, run.events) == (
        run_id, "ingest feeds/", 3, 1, 7,
    )  # fmt: skip
    assert run.started_at is not None and run.finished_at is not None
    assert run.finished_at >= run.started_at
    with pytest.raises(NotFoundError):
        finish_run(store, "nope", RunCounts())


_FULL_DISK = """
import resource, signal, sys
from equipoise.models import Article
from equipoise.store import ArticleRecord, Store, write_batch
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
store = Store(sys.argv[1])
with store.connect():
    pass
resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))
big = [Article(id=f"a{i}", text="x" * 50_000 + str(i)) for i in range(60)]
records = [ArticleRecord(a, "coded") for a in big]
try:
    write_batch(store, records, [], run_id="r")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def test_full_disk_is_a_store_error_and_writes_nothing(store: Store) -> None:
    # A file-size limit makes the kernel refuse writes the way a full disk does.
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(store.path)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.startswith("StoreError store ")
    assert str(store.path) in done.stdout and "File too large" in done.stdout
    assert known_article_ids(store) == set()
