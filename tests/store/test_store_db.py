"""Opening, migrating and locking the DuckDB file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import duckdb
import pytest

from equipoise.errors import StoreError
from equipoise.models import Article
from equipoise.store import LATEST_VERSION, ArticleRecord, EventFilter, Store
from equipoise.store import db as db_module
from equipoise.store._shared import waiting_marker
from equipoise.store.schema import MIGRATIONS

TABLES = {"articles", "events", "participants", "runs", "schema_migrations", "event_clusters",
          "event_cluster_members", "event_pairs", "pair_state", "feeds", "feed_items",
          "event_codes"}


def _open(store: Store, *, read_only: bool = False) -> None:
    with store.connect(read_only=read_only):
        pass


def _tables(store: Store) -> set[str]:
    with store.connect(read_only=True) as con:
        rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {r[0] for r in rows}


def test_first_open_creates_latest_schema(store: Store) -> None:
    assert store.schema_version() == 0
    with store.connect() as con:
        con.execute("SELECT 1").fetchall()
    assert store.schema_version() == LATEST_VERSION == len(MIGRATIONS)
    assert _tables(store) == TABLES


def test_reopen_keeps_data_and_does_not_remigrate(store: Store) -> None:
    with store.connect() as con:
        con.execute("INSERT INTO runs (id, command) VALUES ('r', 'ingest')")
    again = Store(store.path)
    with again.connect() as con:
        rows = con.execute("SELECT id FROM runs").fetchall()
        versions = con.execute("SELECT version FROM schema_migrations").fetchall()
    assert rows == [("r",)]
    assert versions == [(n,) for n in range(1, LATEST_VERSION + 1)]


def _store_at_version(path: Path, version: int) -> duckdb.DuckDBPyConnection:
    """A file as the equipoise of migration ``version`` left it (connection left open)."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP)")
    for number, sql in enumerate(MIGRATIONS[:version], start=1):
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, NULL)", [number])
    return con


def test_a_store_of_schema_4_is_upgraded_and_keeps_its_articles(tmp_path: Path) -> None:
    # A file as the equipoise of migration 4 left it, with one article.
    path = tmp_path / "v4.duckdb"
    con = _store_at_version(path, 4)
    con.execute("INSERT INTO articles (id, text, published, status) "
                "VALUES ('old', 'Seoul and Tokyo met.', DATE '2025-08-24', 'coded')")
    con.close()
    store = Store(path)
    assert store.schema_version() == 4
    new = Article(id="new", text="Seoul and Beijing met.", published=date(2026, 1, 2),
                  published_source="html")
    store.commit([ArticleRecord(new, "coded")], [], run_id="r")  # opening upgrades it
    assert store.schema_version() == LATEST_VERSION
    old, again = store.article("old"), store.article("new")
    assert old is not None and again is not None
    assert (old.article.published, old.article.published_source) == (date(2025, 8, 24), None)
    assert (again.article.published, again.article.published_source) == (
        date(2026, 1, 2), "html")


def test_a_store_of_schema_5_gets_upper_case_codes_and_the_code_table(tmp_path: Path) -> None:
    path = tmp_path / "v5.duckdb"
    con = _store_at_version(path, 5)
    con.execute("INSERT INTO events (id, article_id, event_type, status, date) "
                "VALUES ('e', 'a', 'AID', 'occurred', DATE '2026-03-01')")
    con.execute("INSERT INTO participants (event_id, role, position, code) VALUES "
                "('e', 'actor', 0, 'usa'), ('e', 'recipient', 1, 'KOR')")
    con.close()
    store = Store(path)
    with store.connect() as con:  # opening read-write upgrades it
        codes = con.execute("SELECT code FROM participants ORDER BY position").fetchall()
        rows = con.execute("SELECT code, role, event_id, date FROM event_codes "
                           "ORDER BY code").fetchall()
    assert codes == [("USA",), ("KOR",)]
    assert rows == [("KOR", "recipient", "e", date(2026, 3, 1)),
                    ("USA", "actor", "e", date(2026, 3, 1))]


def test_a_store_of_schema_6_gets_row_precisions_and_upper_case_sectors(tmp_path: Path) -> None:
    path = tmp_path / "v6.duckdb"
    con = _store_at_version(path, 6)
    con.execute("INSERT INTO events (id, article_id, event_type, status, date, date_precision) "
                "VALUES ('e1', 'a', 'AID', 'occurred', DATE '2026-03-01', 'day'), "
                "('e2', 'b', 'AID', 'occurred', DATE '2026-03-02', 'week'), "
                "('e3', 'c', 'AID', 'occurred', DATE '2026-05-01', 'month')")
    con.execute("INSERT INTO event_cluster_members VALUES ('e1', 'e1', 'k'), ('e2', 'e1', 'k')")
    con.execute("INSERT INTO event_clusters (cluster_id, merge_key, event_type, status, "
                "date, date_precision, mentions, articles, outlets) "
                "VALUES ('e1', 'k', 'AID', 'occurred', DATE '2026-03-01', 'day', 2, 2, 1)")
    for event, article, cluster in (("e1", "a", "e1"), ("e2", "b", "e1"), ("e3", "c", "e3")):
        con.execute("INSERT INTO event_pairs (mention_id, event_id, article_id, event_type, "
                    "status, src, dst, pair_key, joint) "
                    "VALUES (?, ?, ?, 'AID', 'occurred', 'USA', 'KOR', 'KOR|USA', false)",
                    [event, article, cluster])
    con.execute("INSERT INTO participants (event_id, role, position, code, sector) "
                "VALUES ('e1', 'actor', 0, 'USA', 'gov')")
    con.close()
    store = Store(path)
    with store.connect() as con:  # opening read-write upgrades it
        rows = con.execute("SELECT mention_id, date_precision FROM event_pairs "
                           "ORDER BY mention_id").fetchall()
        sectors = con.execute("SELECT sector FROM participants").fetchall()
    assert rows == [("e1", "day"), ("e2", "day"), ("e3", "month")]
    assert sectors == [("GOV",)]
    assert store.count_events(EventFilter(sector="gov")) == 1


def test_read_only_on_missing_file_says_what_to_do(tmp_path: Path) -> None:
    store = Store(tmp_path / "nothing.duckdb")
    with pytest.raises(StoreError, match=r"no store at .*nothing.duckdb; run equipoise ingest"):
        _open(store, read_only=True)
    assert not store.path.exists()


def test_read_only_refuses_unmigrated_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="schema version 0"):
        _open(Store(path), read_only=True)


def test_newer_schema_is_refused(store: Store) -> None:
    with store.connect() as con:
        con.execute("INSERT INTO schema_migrations VALUES (?, NULL)", [LATEST_VERSION + 5])
    with pytest.raises(StoreError, match="newer than this equipoise"):
        _open(store)


def test_foreign_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="no equipoise schema"):
        _open(Store(path))


def test_unwritable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"cannot open store .*plain-file/db.duckdb: .*directory"):
        _open(Store(blocker / "db.duckdb"))


def test_non_duckdb_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    with pytest.raises(StoreError, match="is not a DuckDB file"):
        _open(Store(path))


def test_sql_errors_inside_a_connection_become_store_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no_such_table"), store.connect() as con:
        con.execute("SELECT * FROM no_such_table")


def test_read_while_same_process_writes(store: Store) -> None:
    with store.connect() as writer:
        writer.execute("INSERT INTO runs (id) VALUES ('w')")
        with store.connect(read_only=True) as reader:
            assert reader.execute("SELECT count(*) FROM runs").fetchone() == (1,)


# Holds the file until told to let go (a line on stdin), so that a test orders what
# happens by events rather than by how long something took on a busy machine.
_HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.readline()
    con.close()
    print("released", flush=True)
    sys.stdin.readline()
    """
)


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _tell(proc: subprocess.Popen[str]) -> str:
    """Send the holder on to its next step; returns what it says it did."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def _wait_for_marker(path: Path, opener: threading.Thread) -> bool:
    """True once the opener has marked that it waits (it leaves the marker until it
    gets the file); False if it ended first."""
    marker = waiting_marker(path)
    while opener.is_alive() and not marker.exists():
        opener.join(0.02)
    return marker.exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_open_waits_for_other_process_then_succeeds(store: Store, read_only: bool) -> None:
    _open(store)
    holder = _hold_lock(store.path)
    order: list[str] = []

    def open_and_count() -> None:
        with store.connect(read_only=read_only) as con:
            order.append("opened")
            assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)
            order.append("read")

    opener = threading.Thread(target=open_and_count)
    try:
        opener.start()
        assert _wait_for_marker(store.path, opener), "the opener did not wait for the lock"
        assert order == []  # still waiting: the other process holds the file
        order.append(_tell(holder))
        opener.join(60)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert order == ["released", "opened", "read"]
    assert not waiting_marker(store.path).exists()


class _Clock:
    """Stands in for ``time`` in ``store.db``: sleeping moves the clock on at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_open_gives_up_after_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "busy.duckdb"
    clock = _Clock()
    monkeypatch.setattr(db_module, "time", clock)
    holder = _hold_lock(path)
    try:
        with pytest.raises(StoreError, match=r"busy: another connection holds it.*after 0.8s"):
            _open(Store(path, timeout=0.8))
        assert holder.poll() is None  # it gave up while the file was still held
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # backoff from 50 ms, doubling, the last wait cut to the deadline
    assert clock.sleeps == pytest.approx([0.05, 0.1, 0.2, 0.4, 0.05])
    assert sum(clock.sleeps) == pytest.approx(0.8)
    assert not waiting_marker(path).exists()
