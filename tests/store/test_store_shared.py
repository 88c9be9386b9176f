"""A store kept open for reads (the server's): it reads, and it steps aside for writers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import equipoise.store._shared as shared
from equipoise.store import EventFilter, Store
from equipoise.store._shared import waiting_marker

WRITER = textwrap.dedent(
    """
    import sys
    from equipoise.store import Store
    with Store(sys.argv[1], timeout=30).connect() as con:
        con.execute("INSERT INTO runs (id) VALUES ('other-process')")
    """
)

EVENT_WRITER = textwrap.dedent(
    """
    import sys
    from equipoise.models import Actor, Article, Event, Evidence
    from equipoise.store import ArticleRecord, Store, write_batch

    text = "Japan and China held talks in Beijing."
    art = Article(id="late-news", text=text)
    ev = Event(id="late-event", article_id="late-news", event_type="CONSULT",
               status="occurred", actor=(Actor("Japan", None, "JPN"),),
               recipient=(Actor("China", None, "CHN"),), evidence=Evidence(text, 0, len(text)))
    write_batch(Store(sys.argv[1], timeout=30), [ArticleRecord(art, "coded")], [ev],
                run_id="other-process")
    """
)


def _runs(store: Store) -> int:
    with store.connect(read_only=True) as con:
        row = con.execute("SELECT count(*) FROM runs").fetchone()
    return int(row[0]) if row else -1


def _read_until(reader: Store, stop: threading.Event, seen: list[int]) -> None:
    while not stop.is_set():
        seen.append(_runs(reader))
        time.sleep(0.01)  # a busy dashboard, not a tight loop


def test_kept_reads_answer_from_many_threads(store: Store) -> None:
    with store.connect():
        pass
    reader = Store(store.path, keep_open=True)
    counts: list[int] = []
    threads = [threading.Thread(target=lambda: counts.extend(_runs(reader) for _ in range(20)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert counts == [0] * 80
    assert reader.schema_version() == store.schema_version()


def test_another_process_writes_while_a_kept_reader_keeps_reading(store: Store) -> None:
    with store.connect():
        pass
    reader = Store(store.path, keep_open=True)
    stop, seen = threading.Event(), list[int]()
    thread = threading.Thread(target=_read_until, args=(reader, stop, seen))
    thread.start()
    try:
        subprocess.run([sys.executable, "-c", WRITER, str(store.path)], check=True, timeout=60)
        deadline = time.monotonic() + 30
        while (not seen or seen[-1] != 1) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(30)
    assert seen[0] == 0 and seen[-1] == 1
    assert not waiting_marker(Path(store.path)).exists()


def test_this_process_writes_while_its_kept_reader_holds_the_file(store: Store) -> None:
    with store.connect():
        pass
    reader = Store(store.path, keep_open=True)
    assert _runs(reader) == 0  # the reader holds the file read-only now
    with Store(store.path, timeout=30).connect() as con:
        con.execute("INSERT INTO runs (id) VALUES ('same-process')")
    assert _runs(reader) == 1


READER = textwrap.dedent(
    """
    import sys
    from equipoise.store import Store
    with Store(sys.argv[1], timeout=30).connect(read_only=True) as con:
        print(con.execute("SELECT count(*) FROM runs").fetchone()[0])
    """
)


def test_a_held_write_connection_lets_another_process_read_between_writes(store: Store) -> None:
    with store.holding() as held:
        with held.connect() as con:
            con.execute("INSERT INTO runs (id) VALUES ('first batch')")
        out = subprocess.run([sys.executable, "-c", READER, str(store.path)], check=True,
                             timeout=60, capture_output=True, text=True)
        assert out.stdout.strip() == "1"
        with held.connect() as con:  # opened again after the reader is done
            con.execute("INSERT INTO runs (id) VALUES ('second batch')")
    assert _runs(store) == 2
    assert not waiting_marker(Path(store.path)).exists()


def _kept_reader(store: Store) -> Store:
    """A server's handle on ``store`` (created first): reads kept open, one thread."""
    with store.connect():
        pass
    return Store(store.path, keep_open=True, threads=1)


def _ask(reader: Store, asked: list[object], value: object) -> object:
    """The fact ``k`` as ``reader`` answers it; ``value`` (noted in ``asked``) when it
    has to be computed."""
    def compute() -> object:
        asked.append(value)
        return value

    with reader.connect(read_only=True) as con:
        return reader.remember(con, "k", compute)


def test_a_fact_is_remembered_while_the_file_stays_open(store: Store) -> None:
    reader = _kept_reader(store)
    asked: list[object] = []
    assert _ask(reader, asked, 1) == 1
    assert _ask(reader, asked, 2) == 1  # the same open file
    assert reader._kept is not None
    reader._kept.close()
    # another process writes the file before the next open: the fact may be stale
    subprocess.run([sys.executable, "-c", WRITER, str(store.path)], check=True, timeout=60)
    assert _ask(reader, asked, 3) == 3
    assert _ask(Store(store.path), asked, 4) == 4  # no kept connection: always asked
    assert asked == [1, 3, 4]


def _until_idle_closed(store: Store) -> None:
    """Until the kept connection has closed for idleness (its watching thread ends then)."""
    for thread in threading.enumerate():
        if thread.name == f"equipoise-kept-{store.path.name}":
            thread.join(60)
            assert not thread.is_alive()


def test_facts_outlive_an_idle_close_while_nothing_is_written(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared, "IDLE_SECONDS", 0.0)  # closes as soon as it is unused
    reader = _kept_reader(store)
    asked: list[object] = []
    assert _ask(reader, asked, "first") == "first"
    _until_idle_closed(reader)
    assert _ask(reader, asked, "again") == "first"  # opened again: the file is unchanged
    _until_idle_closed(reader)
    with Store(store.path).connect() as con:  # this process writes while it is closed
        con.execute("INSERT INTO runs (id) VALUES ('between')")
    assert _ask(reader, asked, "after the write") == "after the write"
    reader.close()
    assert asked == ["first", "after the write"]


def test_a_remembered_count_follows_writes_across_idle_closes(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared, "IDLE_SECONDS", 0.0)
    reader = _kept_reader(store)
    flt = EventFilter()
    assert reader.count_events(flt) == 0
    _until_idle_closed(reader)
    subprocess.run([sys.executable, "-c", EVENT_WRITER, str(store.path)], check=True,
                   timeout=60)
    assert reader.count_events(flt) == 1
    _until_idle_closed(reader)
    assert reader.count_events(flt) == 1
    reader.close()
