"""Opening the DuckDB store: short-lived connections, lock retry, migrations.

DuckDB lets one process hold a database file read-write and refuses every other
process (readers included) while it does. ``serve`` and ``ingest`` share one file,
so each opens a connection per request or per batch and, when the other holds the
lock, waits with backoff for up to ``timeout`` seconds before giving up.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from equipoise.errors import StoreError
from equipoise.store.schema import MIGRATIONS

__all__ = ["LATEST_VERSION", "Store"]

LATEST_VERSION = len(MIGRATIONS)

# The last: two threads of one process opening the file at the same moment.
_LOCK_MARKERS = ("could not set lock", "conflicting lock", "unique file handle conflict")
# Raised inside one process when a read-only and a read-write connection meet.
_CONFIG_CONFLICT = "different configuration"
_FIRST_DELAY = 0.05
_MAX_DELAY = 1.0

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP
)
"""


class Store:
    """A handle on one DuckDB file; cheap to create, holds no connection."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection closed on exit; DuckDB errors inside become ``StoreError``.

        A read-write open brings the file to the latest schema (a cheap check once
        it is current); a read-only open refuses a missing file or an old schema.
        """
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run equipoise ingest first")
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

    def schema_version(self) -> int:
        """The migration level of the file; 0 when it does not exist yet."""
        if not self.path.exists():
            return 0
        con = self._open(read_only=True)
        try:
            return _current_version(con)
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_reason(exc)}") from exc
        finally:
            con.close()

    def _open(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
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
        if "not a valid DuckDB database" in reason:
            return StoreError(f"{self.path} is not a DuckDB file; choose another --db path")
        return StoreError(f"cannot open store {self.path}: {reason}")

    def _busy_error(self, exc: duckdb.Error) -> StoreError:
        return StoreError(
            f"store {self.path} is busy: another connection holds it ({_reason(exc)}); "
            f"gave up after {self.timeout:g}s. Wait for the other equipoise command to "
            "finish or raise the timeout"
        )


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
