"""One DuckDB connection kept open by a process that uses the file often.

Opening the file costs tens of milliseconds (catalog load, a checkpoint on close),
more than most API queries. A ``KeptConnection`` opens it once and hands each caller
a cursor of that connection (cursors are DuckDB connections to the same open
database, one per concurrent caller, reused). The server keeps a read-only one; a
long ``ingest`` keeps a read-write one for its batches. DuckDB lets a process write
the file only when no other holds it open (and read it only when no other writes),
so a kept connection steps aside: a process that finds the file busy leaves a marker
next to it (``waiting_marker``) while it waits, and the holder closes its connection
as soon as no cursor is in use and a marker is fresh, or when it has been idle for
``idle`` seconds. Until the marker is gone, callers get no cursor and open a
connection of their own, as every use did before.

Answers remembered on an open (``remember``) are facts about the file as it was while
it was held. When the connection closes they are put aside with the file's state
(``file_state``: its identity, size, modification time, DuckDB's headers and its
write-ahead log); the next open takes them back if the file is in that same state, so
a dashboard idle for a few seconds does not count everything again, while any write
in between (which changes a header or leaves a log) drops them.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from equipoise.errors import StoreError

__all__ = ["KeptConnection", "clear_waiting", "mark_waiting", "someone_waits", "waiting_marker"]

# A waiter touches its marker at least this often (the lock retry's longest delay is
# 1 s); an older marker was left by a process that died while waiting.
MARKER_FRESH_SECONDS = 3.0
IDLE_SECONDS = 1.0
_T = TypeVar("_T")
POLL_SECONDS = 0.05
# Answers remembered per open of the file (facts about it, counts per filter): the least
# recently used are forgotten past this many, so a crawler's filters cannot grow it.
MAX_ANSWERS = 1024
# DuckDB's main header and its two database headers (4 KiB each); a checkpoint writes a
# new database header with its iteration counter raised.
_HEADER_BYTES = 3 * 4096
FileState = tuple[object, ...]


def file_state(path: Path) -> FileState | None:
    """What changes whenever the database file ``path`` is written: a write is either
    checkpointed into the file (a new header) or waits in its write-ahead log. None
    when the file cannot be read (nothing is then taken to be unchanged)."""
    wal = path.with_name(path.name + ".wal")
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
        log = wal.stat() if wal.exists() else None
    except OSError:
        return None
    logged = None if log is None else (log.st_ino, log.st_size, log.st_mtime_ns)
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, header, logged)


def waiting_marker(path: Path) -> Path:
    """The file a process waiting to write ``path`` keeps fresh while it waits."""
    return path.with_name(path.name + ".waiting")


def mark_waiting(path: Path) -> None:
    """Say that this process waits for ``path`` (best effort: a read-only folder is fine)."""
    with contextlib.suppress(OSError):
        waiting_marker(path).touch()


def clear_waiting(path: Path) -> None:
    with contextlib.suppress(OSError):
        waiting_marker(path).unlink()


def someone_waits(path: Path) -> bool:
    try:
        modified = waiting_marker(path).stat().st_mtime
    except OSError:
        return False
    return time.time() - modified < MARKER_FRESH_SECONDS


class KeptConnection:
    """A connection opened on first use, closed when idle or when another process waits.

    ``open_`` opens and checks the file (one attempt, no waiting); when it raises a
    DuckDB error or the file is busy, ``take`` returns None and the caller opens a
    connection of its own, which waits for the lock and reports errors as before.
    """

    def __init__(self, path: Path, open_: Callable[[], duckdb.DuckDBPyConnection], *,
                 idle: float | None = None, uses: int | None = None) -> None:
        """``idle``: seconds unused before it closes (``IDLE_SECONDS``); ``uses``: close
        (and so checkpoint, and free DuckDB's cache of the file) after that many uses, so
        that what an open database keeps in memory stays bounded."""
        self.path = path
        self.idle = IDLE_SECONDS if idle is None else idle
        self.uses = uses
        self._used = 0
        self._open = open_
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._free: list[duckdb.DuckDBPyConnection] = []
        self._in_use = 0
        self._last_use = 0.0
        self._watching = False
        self._watch: threading.Thread | None = None
        # answers remembered while this connection stays open, and its cursors' ids
        self._facts: OrderedDict[str, object] = OrderedDict()
        self._cursors: set[int] = set()
        # the answers of the last open, with the file's state when it closed
        self._put_aside: tuple[FileState, OrderedDict[str, object]] | None = None

    def take(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor for this caller alone, or None when the caller should open its own."""
        with self._lock:
            if someone_waits(self.path):
                return None
            if self._con is None and not self._connect():
                return None
            assert self._con is not None
            cursor = self._free.pop() if self._free else self._con.cursor()
            self._cursors.add(id(cursor))
            self._in_use += 1
            return cursor

    def remember(self, cursor: duckdb.DuckDBPyConnection, key: str,
                 compute: Callable[[], _T]) -> _T:
        """``compute()``, answered once per open of the file for callers holding one of
        its cursors (only for facts that cannot change while it is open).

        The open is the store's write generation as this process sees it: a writer,
        here or in another process, gets the file only after this connection closes,
        and closing forgets every answer."""
        with self._lock:
            if id(cursor) in self._cursors and key in self._facts:
                self._facts.move_to_end(key)
                return self._facts[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if id(cursor) in self._cursors:
                self._facts[key] = value
                if len(self._facts) > MAX_ANSWERS:
                    self._facts.popitem(last=False)
        return value

    def give_back(self, cursor: duckdb.DuckDBPyConnection) -> None:
        with self._lock:
            self._in_use -= 1
            self._last_use = time.monotonic()
            self._free.append(cursor)
            self._used += 1
            if self.uses is not None and self._used >= self.uses and not self._in_use:
                self._close()

    def _connect(self) -> bool:
        try:
            self._con = self._open()
        except (duckdb.Error, StoreError, OSError):
            return False
        self._take_back_facts()
        self._last_use = time.monotonic()
        # closed before the interpreter tears down the extension, not left to its exit
        atexit.register(self._close_at_exit)
        if not self._watching:
            self._watching = True
            self._watch = threading.Thread(target=self._watch_loop, daemon=True,
                                           name=f"equipoise-kept-{self.path.name}")
            self._watch.start()
        return True

    def close(self) -> None:
        """Close it now (when its user is done; cursors must have been given back), and
        wait for the thread that watched it to end: a thread inside DuckDB when the
        interpreter exits aborts the process."""
        with self._lock:
            self._close()
            watch = self._watch
        if watch is not None and watch is not threading.current_thread():
            watch.join(10 * POLL_SECONDS + 5)

    def _watch_loop(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            with self._lock:
                if self._con is None:
                    self._watching = False
                    return
                if self._in_use:
                    continue
                if time.monotonic() - self._last_use > self.idle or someone_waits(self.path):
                    self._close()

    def _close_at_exit(self) -> None:
        self.close()

    def _take_back_facts(self) -> None:
        """The last open's answers, if the file is as it was when that open closed
        (read now, while this open holds it: no other process can write it meanwhile)."""
        aside, self._put_aside = self._put_aside, None
        if aside is not None and aside[0] == file_state(self.path):
            self._facts = aside[1]

    def _close(self) -> None:
        self._used = 0
        con, self._con = self._con, None
        free, self._free = self._free, []
        facts, self._facts, self._cursors = self._facts, OrderedDict(), set()
        for cursor in free:
            with contextlib.suppress(duckdb.Error):
                cursor.close()
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
            state = file_state(self.path) if facts else None
            self._put_aside = None if state is None else (state, facts)
        # only now: an exit while the idle watch closes it must wait for the close (the
        # hook takes the lock) rather than tear DuckDB down under it
        atexit.unregister(self._close_at_exit)

