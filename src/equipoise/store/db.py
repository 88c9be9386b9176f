"""Opening the DuckDB store: short-lived connections, lock retry, migrations.

DuckDB lets one process hold a database file read-write and refuses every other
process (readers included) while it does. ``serve`` and ``ingest`` share one file:
``ingest`` opens a connection per batch and, when the file is held, waits with backoff
for up to ``timeout`` seconds before giving up, leaving a marker that asks a process
keeping the file open (a server's reads, ``Store(keep_open=True)``; an ingest's
batches, ``store.holding()``; see ``store/_shared.py``) to close it as soon as it is
not using it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import duckdb

from equipoise.errors import StoreError
from equipoise.store._shared import KeptConnection, clear_waiting, mark_waiting
from equipoise.store.schema import MIGRATIONS

if TYPE_CHECKING:
    import pandas as pd

    from equipoise.models import Event
    from equipoise.store.cameo import CameoMapping
    from equipoise.store.clusters import ClusterInfo
    from equipoise.store.dyads import Edge, MonthCount
    from equipoise.store.merge import MergeOptions, MergeSummary
    from equipoise.store.query import (
        ActorHit,
        CorpusSummary,
        EventFilter,
        EventPlace,
        FailedArticle,
        RunInfo,
        StoredArticle,
        Story,
    )
    from equipoise.store.write import ArticleRecord, RunCounts

__all__ = ["LATEST_VERSION", "Store"]

LATEST_VERSION = len(MIGRATIONS)
_T = TypeVar("_T")

# The last: two threads of one process opening the file at the same moment.
_LOCK_MARKERS = ("could not set lock", "conflicting lock", "unique file handle conflict")
# Raised inside one process when a read-only and a read-write connection meet.
_CONFIG_CONFLICT = "different configuration"
_FIRST_DELAY = 0.05
# A DuckDB file says so in its header; DuckDB itself opens some other files (a .json
# one, say) as an empty database in memory, where every write would be lost.
_MAGIC, _MAGIC_AT = b"DUCK", 8
# A held write connection outlives the coding of the next batch (seconds on a busy core).
_HOLD_IDLE = 60.0
# ... and is closed after this many uses (two a batch): DuckDB caches what it reads of
# the file while the database is open (up to 80 % of RAM by default).
_HOLD_USES = 64
_MAX_DELAY = 1.0

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP
)
"""


class Store:
    """A handle on one DuckDB file; cheap to create, holds no connection.

    The store's public interface, in the manner of sqlite-utils' ``Database``: methods
    name what they read or write (events, articles, pairs, clusters, runs), so no
    module outside ``equipoise.store`` holds SQL or reaches into its submodules. Each
    opens its own short-lived connection; an analysis running several queries over
    one snapshot takes ``store.reading()``. The query modules take a ``Store``, so
    they are imported on call.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0,
                 keep_open: bool = False, threads: int | None = None) -> None:
        """``keep_open``: reads share one connection kept open between them (a server)
        instead of opening the file each time; see ``store/_shared.py``. ``threads``:
        DuckDB threads per query on that connection (default: one per core); a server
        answering concurrent requests runs each query on one thread, so that requests
        run side by side instead of each waiting for every core."""
        self.path = Path(path)
        self.timeout = timeout
        self._threads = threads
        self._kept = KeptConnection(self.path, self._open_kept) if keep_open else None
        self._kept_writes = False

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def close(self) -> None:
        """Close the connection this handle keeps open (``keep_open``), if one is; a later
        use opens it again. A server calls it as it shuts down, so that no connection,
        nor the thread watching it, is left for the interpreter's exit."""
        if self._kept is not None:
            self._kept.close()

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection closed on exit; DuckDB errors inside become ``StoreError``.

        A read-write open brings the file to the latest schema (a cheap check once
        it is current); a read-only open refuses a missing file or an old schema.
        """
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run equipoise ingest first")
        kept = self._take_kept(read_only=read_only)
        if kept is not None:
            with self._use_kept(kept) as con:
                yield con
            return
        con = self._open(read_only=read_only)
        try:
            if read_only:
                self._check_version(con)
            else:
                _migrate(con, self.path)
            yield con
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_reason(exc)}") from exc
        finally:
            _close(con, self.path)

    @contextmanager
    def holding(self) -> Iterator[Store]:
        """This store with one read-write connection kept for the block (a long ingest:
        no open and checkpoint per batch); it is closed when the block ends, and sooner
        whenever another process waits for the file between two uses."""
        held = Store(self.path, timeout=self.timeout)
        held._kept = KeptConnection(self.path, held._open_kept, idle=_HOLD_IDLE,
                                    uses=_HOLD_USES)
        held._kept_writes = True
        try:
            yield held
        finally:
            held._kept.close()

    def remember(self, con: duckdb.DuckDBPyConnection, key: str,
                 compute: Callable[[], _T]) -> _T:
        """``compute()``, or its earlier answer on ``con``'s open of the file when that is
        the kept read-only connection of a server: while a process holds the file
        read-only, no process can write it, so a fact about its contents holds until
        the connection closes (a check repeated on every request otherwise)."""
        if self._kept is None or self._kept_writes:
            return compute()
        return self._kept.remember(con, key, compute)

    def pairs_fresh(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Whether the pair and code tables are current on ``con`` (no hand-made change
        since the last write): a count of four tables, remembered per open of a kept
        connection (``remember``)."""
        from equipoise.store.pairs import pairs_current

        return self.remember(con, "pairs_current", lambda: pairs_current(con))

    def _take_kept(self, *, read_only: bool) -> duckdb.DuckDBPyConnection | None:
        if self._kept is None or not (read_only or self._kept_writes):
            return None
        return self._kept.take()

    @contextmanager
    def _use_kept(self, cursor: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        assert self._kept is not None
        try:
            yield cursor
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_reason(exc)}") from exc
        finally:
            self._kept.give_back(cursor)

    def _open_kept(self) -> duckdb.DuckDBPyConnection:
        """The kept connection: one attempt (no waiting), checked like any other open."""
        config: dict[str, str | bool | int | float | list[str]] = (
            {} if self._threads is None else {"threads": self._threads})
        _refuse_other_file(self.path)
        con = duckdb.connect(str(self.path), read_only=not self._kept_writes, config=config)
        try:
            if self._kept_writes:
                _migrate(con, self.path)
            else:
                self._check_version(con)
        except BaseException:
            con.close()
            raise
        return con

    def schema_version(self) -> int:
        """The migration level of the file; 0 when it does not exist yet."""
        if not self.path.exists():
            return 0
        kept = self._take_kept(read_only=True)
        if kept is not None:
            with self._use_kept(kept) as con:
                return _current_version(con)
        con = self._open(read_only=True)
        try:
            return _current_version(con)
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_reason(exc)}") from exc
        finally:
            con.close()

    def start_run(self, command: str) -> str:
        """Record the start of a run; returns its id."""
        from equipoise.store import write

        return write.start_run(self, command)

    def finish_run(self, run_id: str, counts: RunCounts) -> None:
        """Record the end of a run and what it did."""
        from equipoise.store import write

        write.finish_run(self, run_id, counts)

    def commit(self, records: Sequence[ArticleRecord], events: Sequence[Event], *,
               run_id: str, cluster: bool = True) -> None:
        """A batch's articles, outcomes, events and (unless ``cluster`` is False: the
        caller runs ``update_clusters`` later) touched clusters in one transaction."""
        from equipoise.store import write

        write.commit_batch(self, records, events, run_id=run_id, cluster=cluster)

    def stored_hashes(self, hashes: Sequence[str] | None = None) -> dict[str, str]:
        """content hash -> id of the article kept for it (all hashes when None)."""
        from equipoise.store import write

        if hashes is None:
            return write.known_hashes(self)
        with self.connect() as con:
            return write.stored_hashes(con, hashes)

    def recent_coded(self, limit: int) -> list[tuple[str, str, str]]:
        """The most recently stored coded articles, oldest first: (id, text, hash)."""
        from equipoise.store import write

        with self.connect() as con:
            return write.recent_coded(con, limit)

    def ensure_pairs(self) -> bool:
        """Rebuild the pair table if the store was changed by hand; True when it had to."""
        from equipoise.store import pairs

        with self.connect() as con:
            return pairs.ensure_pairs(con)

    def update_clusters(self, event_ids: Sequence[str] | None = None, *,
                        options: MergeOptions | None = None) -> MergeSummary:
        """Recompute the clusters of ``event_ids`` (None: unclustered and stale ones)."""
        from equipoise.store import merge

        return merge.update_clusters(self, event_ids, options=options)

    def merge_all(self, *, options: MergeOptions | None = None) -> MergeSummary:
        """Rebuild every event cluster from scratch, then the pairs."""
        from equipoise.store import merge

        return merge.merge_all(self, options=options)

    def reading(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """One read-only snapshot for an analysis that runs several queries."""
        return self.connect(read_only=True)

    def events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """One page of event records matching ``flt``."""
        from equipoise.store import query

        return query.query_events(self, flt)

    def count_events(self, flt: EventFilter) -> int:
        """How many events match ``flt`` (all pages)."""
        from equipoise.store import query

        return query.count_events(self, flt)

    def stories(self, flt: EventFilter) -> tuple[list[Story], int]:
        """Story-level rows: event clusters with a matching report, and their number."""
        from equipoise.store import query

        return query.stories(self, flt)

    def places(self, flt: EventFilter) -> tuple[list[EventPlace], int]:
        """Event counts per place and type for a map, and the count without coordinates."""
        from equipoise.store import query

        return query.event_places(self, flt)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record by id, or None."""
        from equipoise.store import query

        return query.get_event(self, event_id)

    def article(self, article_id: str) -> StoredArticle | None:
        """An article with its cleaned text and its events, or None."""
        from equipoise.store import query

        return query.get_article(self, article_id)

    def failures(self) -> list[FailedArticle]:
        """Articles that were skipped or failed, with the recorded stage and reason."""
        from equipoise.store import query

        return query.failures(self)

    def runs(self, limit: int = 20) -> list[RunInfo]:
        """The latest runs first, with what each did."""
        from equipoise.store import query

        return query.recent_runs(self, limit)

    def summary(self, *, top: int = 10) -> CorpusSummary:
        """Corpus size, date range, counts by status and type, the busiest dyads."""
        from equipoise.store import query

        return query.corpus_summary(self, top=top)

    def search_actors(self, q: str, limit: int = 20) -> list[ActorHit]:
        """Participant codes and names matching ``q``, busiest first."""
        from equipoise.store import query

        return query.search_actors(self, q, limit)

    def cluster(self, event_id: str) -> ClusterInfo | None:
        """The cluster an event belongs to, with its member reports."""
        from equipoise.store import clusters

        with self.connect(read_only=True) as con:
            return clusters.get_cluster(con, event_id)

    def pairs(self, *, statuses: Sequence[str] = ("occurred",),
              involving: str | None = None, codes: Sequence[str] | None = None,
              since: date | None = None, until: date | None = None) -> pd.DataFrame:
        """Dyadic rows (see ``store/dyads.py``)."""
        from equipoise.store import dyads

        with self.connect(read_only=True) as con:
            return dyads.pair_rows(con, statuses=statuses, involving=involving, codes=codes,
                                   since=since, until=until)

    def network(self, *, status: str, since: date | None = None,
                until: date | None = None, limit: int = 60) -> list[Edge]:
        """The busiest unordered pairs of codes, from the same pairs as the analyses."""
        from equipoise.store import dyads

        with self.connect(read_only=True) as con:
            return dyads.network_edges(con, status=status, since=since, until=until,
                                       limit=limit)

    def events_by_month(self) -> list[MonthCount]:
        """Dated events per calendar month and PLOVER type."""
        from equipoise.store import dyads

        with self.connect(read_only=True) as con:
            return dyads.events_by_month(con)

    def code_names(self, codes: Sequence[str]) -> dict[str, str | None]:
        """The most common name written for each code."""
        from equipoise.store import dyads

        with self.connect(read_only=True) as con:
            return dyads.code_names(con, codes)

    def export(self, flt: EventFilter, fmt: str, out: Path | TextIO, *,
               cameo_mapping: CameoMapping | None = None) -> int:
        """Write the matching events to ``out`` in ``fmt``; returns how many."""
        from equipoise.store import export

        return export.export_events(self, flt, fmt, out, cameo_mapping=cameo_mapping)

    def _open(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        marked: list[bool] = []
        try:
            return self._try_open(read_only=read_only, marked=marked)
        finally:
            if marked:
                clear_waiting(self.path)

    def _try_open(self, *, read_only: bool, marked: list[bool]) -> duckdb.DuckDBPyConnection:
        _refuse_other_file(self.path)
        deadline = time.monotonic() + self.timeout
        delay = _FIRST_DELAY
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.Error as exc:
                if read_only and _CONFIG_CONFLICT in str(exc):
                    # This process already has the file open read-write; sharing
                    # that instance is the only way to read it here.
                    read_only = False
                    continue
                if not _is_busy(exc):
                    raise self._open_error(exc) from exc
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._busy_error(exc) from exc
                mark_waiting(self.path)  # a process keeping the file open steps aside
                marked.append(True)
                time.sleep(min(delay, remaining))
                delay = min(delay * 2, _MAX_DELAY)

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        version = _current_version(con)
        if version < LATEST_VERSION:
            raise StoreError(
                f"store {self.path} is at schema version {version}, this equipoise needs "
                f"{LATEST_VERSION}; run equipoise ingest once to upgrade it"
            )
        _refuse_newer(version, self.path)

    def _open_error(self, exc: duckdb.Error) -> StoreError:
        reason = _reason(exc)
        if "database does not exist" in reason:
            return StoreError(f"no store at {self.path}; run equipoise ingest first")
        if not self.path.parent.exists():
            return StoreError(f"cannot create store {self.path}: there is no folder "
                              f"{self.path.parent}; create it or give another --db path")
        if "Read-only file system" in reason or "Permission denied" in reason:
            why = "read-only" if "Read-only" in reason else "not writable by you"
            return StoreError(f"cannot write store {self.path}: the file or its folder is "
                              f"{why}; commands that add to the store need to write it, so "
                              "copy it to a folder you can write or give another --db path")
        if "not a valid DuckDB database" in reason:
            return StoreError(f"{self.path} is not a DuckDB file; choose another --db path")
        return StoreError(f"cannot open store {self.path}: {reason}")

    def _busy_error(self, exc: duckdb.Error) -> StoreError:
        return StoreError(
            f"store {self.path} is busy: another connection holds it ({_reason(exc)}); "
            f"gave up after {self.timeout:g}s. Wait for the other equipoise command to "
            "finish or raise the timeout"
        )


def _refuse_other_file(path: Path) -> None:
    """A file at ``path`` that is not a DuckDB store (an empty one DuckDB judges itself)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_MAGIC_AT + len(_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet (or a path under a file): DuckDB's open says which
    except IsADirectoryError as exc:
        raise StoreError(f"{path} is a folder; give the store's file with --db") from exc
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror}") from exc
    if head and head[_MAGIC_AT:] != _MAGIC:
        raise StoreError(f"{path} is not a DuckDB file, so it is left as it is; give the "
                         "store's path (or a new one) with --db")


def _close(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    # Closing checkpoints the write-ahead log into the file, so a full disk can
    # surface here rather than at the write.
    try:
        con.close()
    except duckdb.Error as exc:
        raise StoreError(f"store {path}: could not save on close: {_reason(exc)}") from exc


def _is_busy(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return any(m in text for m in _LOCK_MARKERS) or _CONFIG_CONFLICT in text


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    for prefix in ("IO Error: ", "Connection Error: ", "TransactionContext Error: "):
        text = text.removeprefix(prefix)
    return text.splitlines()[0] if text else type(exc).__name__


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


def _current_version(con: duckdb.DuckDBPyConnection) -> int:
    # Asking the table directly is about twice as fast as a catalog lookup first,
    # and this runs on every open.
    try:
        row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


def _refuse_newer(version: int, path: Path) -> None:
    if version > LATEST_VERSION:
        raise StoreError(
            f"store {path} has schema version {version}, newer than this equipoise "
            f"understands ({LATEST_VERSION}); upgrade equipoise"
        )


def _migrate(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    version = _current_version(con)
    _refuse_newer(version, path)
    if version == 0 and _has_table(con, "articles"):
        raise StoreError(f"{path} holds tables but no equipoise schema; choose another --db")
    for number in range(version + 1, LATEST_VERSION + 1):
        con.begin()
        try:
            con.execute(_VERSION_TABLE)
            con.execute(MIGRATIONS[number - 1])
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [number, _utcnow()])
            con.commit()
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):  # keep the migration's own error
                con.rollback()
            raise StoreError(f"store {path}: migration {number} failed: {_reason(exc)}") from exc


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
