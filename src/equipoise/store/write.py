"""Writing articles, events and runs: one transaction per batch, idempotent.

Re-writing an article replaces it and all its events and participants; re-writing
an event id replaces that event. Rows go in as Arrow tables because DuckDB's
``executemany`` costs about 2 ms a row.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from equipoise.errors import NotFoundError, StoreError
from equipoise.models import Article, Event
from equipoise.store.db import Store
from equipoise.store.event_codes import delete_codes, insert_codes
from equipoise.store.merge import recluster
from equipoise.store.pairs import delete_pairs, insert_pairs, mark_pairs_current, pairs_current

__all__ = [
    "ARTICLE_STATUSES",
    "ArticleRecord",
    "RunCounts",
    "commit_batch",
    "finish_run",
    "known_article_ids",
    "known_hashes",
    "naive_utc",
    "start_run",
    "stored_hashes",
    "write_batch",
    "write_rows",
]

ARTICLE_STATUSES: tuple[str, ...] = ("coded", "skipped", "failed", "duplicate")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article as stored: its outcome in the pipeline and why."""

    article: Article
    status: str
    error: str | None = None
    canonical_id: str | None = None

    def __post_init__(self) -> None:
        if self.status not in ARTICLE_STATUSES:
            raise StoreError(f"article status {self.status!r} is not one of {ARTICLE_STATUSES}")


@dataclass(slots=True)
class RunCounts:
    """What one run did, for the ``runs`` table; the job adds to it batch by batch."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    # inputs the store already kept under their own id and text (a resumed run, a load
    # of the same folder): neither new nor a copy of another story. Not a ``runs``
    # column: read - new - duplicates - skipped - failed gives it back.
    already_stored: int = 0


_ARTICLE_COLUMNS = (
    "id", "source", "url", "title", "outlet", "published", "text", "content_hash",
    "language", "status", "error", "canonical_id", "run_id", "fetched_at", "published_source",
)  # fmt: skip
_EVENT_COLUMNS = (
    "id", "article_id", "event_type", "mode", "contexts", "status", "date",
    "date_precision", "place", "location_country", "lat", "lon", "geonameid",
    "evidence_text", "evidence_start", "evidence_end", "confidence", "quad", "intensity",
    "record",
)  # fmt: skip
_PARTICIPANT_COLUMNS = (
    "event_id", "role", "position", "code", "text", "name", "country", "org", "sector", "title",
)  # fmt: skip


def _article_row(rec: ArticleRecord, run_id: str) -> dict[str, Any]:
    a = rec.article
    return {
        "id": a.id, "source": a.source, "url": a.url, "title": a.title, "outlet": a.outlet,
        "published": a.published, "text": a.text, "content_hash": a.content_hash or None,
        "language": a.language, "status": rec.status, "error": rec.error,
        "canonical_id": rec.canonical_id, "run_id": run_id,
        "fetched_at": naive_utc(a.fetched_at), "published_source": a.published_source,
    }  # fmt: skip


def _event_row(ev: Event) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": ev.id, "article_id": ev.article_id, "event_type": ev.event_type,
        "mode": ev.mode, "contexts": list(ev.contexts), "status": ev.status, "date": ev.date,
        "date_precision": ev.date_precision, "place": loc.place if loc else None,
        "location_country": loc.country if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
        "evidence_text": ev.evidence.text, "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end, "confidence": ev.confidence, "quad": ev.quad,
        "intensity": ev.intensity, "record": json.dumps(ev.to_dict(), ensure_ascii=False),
    }  # fmt: skip


def _participant_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, actors in (("actor", ev.actor), ("recipient", ev.recipient)):
        for position, a in enumerate(actors):
            # codes (migration 6) and sectors (migration 7) are stored upper-case: filters
            # compare them as they are, so zone maps apply
            row = {"event_id": ev.id, "role": role, "position": position,
                   "code": a.code.upper() if a.code else a.code, **a.to_dict()}
            if isinstance(row.get("sector"), str):
                row["sector"] = row["sector"].upper()
            rows.append(row)
    return rows


_EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("contexts", pa.list_(pa.string())), ("status", pa.string()),
    ("date", pa.date32()), ("date_precision", pa.string()), ("place", pa.string()),
    ("location_country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("geonameid", pa.int64()), ("evidence_text", pa.string()),
    ("evidence_start", pa.int32()), ("evidence_end", pa.int32()),
    ("confidence", pa.float64()), ("quad", pa.int32()), ("intensity", pa.float64()),
    ("record", pa.string()),
])  # fmt: skip
_ARTICLE_TYPES = {"published": pa.date32(), "fetched_at": pa.timestamp("us")}
_SCHEMAS = {
    "articles": pa.schema(
        [(c, _ARTICLE_TYPES.get(c, pa.string())) for c in _ARTICLE_COLUMNS]
    ),
    "events": _EVENT_SCHEMA,
    "participants": pa.schema(
        [(c, pa.int32() if c == "position" else pa.string()) for c in _PARTICIPANT_COLUMNS]
    ),
}
_COLUMNS = {"articles": _ARTICLE_COLUMNS, "events": _EVENT_COLUMNS,
            "participants": _PARTICIPANT_COLUMNS}  # fmt: skip


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist(rows, schema=_SCHEMAS[table])
    cols = ", ".join(_COLUMNS[table])
    view = f"_new_{table}"
    con.register(view, data)
    # No unregister on failure: the aborted transaction would refuse it and mask the
    # real error; the connection is closed right after anyway.
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}")
    con.unregister(view)


def _delete_previous(
    con: duckdb.DuckDBPyConnection, article_ids: list[str], event_ids: list[str]
) -> None:
    stale = "SELECT id FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
    con.execute(
        f"DELETE FROM participants WHERE event_id IN ({stale}) "
        "OR event_id IN (SELECT unnest(?::VARCHAR[]))",
        [article_ids, event_ids],
    )
    con.execute(
        "DELETE FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "OR id IN (SELECT unnest(?::VARCHAR[]))",
        [article_ids, event_ids],
    )
    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [article_ids])


def _last_wins(items: Sequence[_T], key: Callable[[_T], str]) -> list[_T]:
    return list({key(item): item for item in items}.values())


def write_batch(
    store: Store, records: Sequence[ArticleRecord], events: Sequence[Event], *, run_id: str
) -> None:
    """Store a batch of articles and their events in one transaction (all or nothing).

    Ids repeated within the batch keep their last occurrence.
    """
    with store.connect() as con:
        con.begin()
        try:
            write_rows(con, records, events, run_id=run_id)
            con.commit()
        except BaseException:
            _rollback(con)
            raise


def commit_batch(
    store: Store, records: Sequence[ArticleRecord], events: Sequence[Event], *, run_id: str,
    cluster: bool = True,
) -> None:
    """The job's one write: a batch's articles, events and outcomes, and the event
    clusters its events touch, in one transaction.

    A failed or skipped re-read of an article stored as coded leaves the coded article
    and its events alone: a flaky source must not erase what was read before.
    """
    # One connection and one transaction per batch: each open and close checkpoints
    # the file, and the server waits for the lock meanwhile.
    with store.connect() as con:
        kept = coded_ids(con, [r.article.id for r in records if r.status in ("failed", "skipped")])
        records = [r for r in records
                   if r.article.id not in kept or r.status not in ("failed", "skipped")]
        con.begin()
        try:
            write_rows(con, records, events, run_id=run_id)
            if events and cluster:
                recluster(con, [e.id for e in events])
            con.commit()
        except BaseException:
            _rollback(con)
            raise


def write_rows(
    con: duckdb.DuckDBPyConnection, records: Sequence[ArticleRecord], events: Sequence[Event],
    *, run_id: str,
) -> None:  # fmt: skip
    """``write_batch`` inside the caller's transaction, with the pair table kept in step."""
    records = _last_wins(records, lambda r: r.article.id)
    events = _last_wins(events, lambda e: e.id)
    article_ids, event_ids = [r.article.id for r in records], [e.id for e in events]
    current = pairs_current(con)
    delete_pairs(con, article_ids, event_ids)
    delete_codes(con, article_ids, event_ids)
    _delete_previous(con, article_ids, event_ids)
    _insert(con, "articles", [_article_row(r, run_id) for r in records])
    # in date order: a corpus read roughly in date order then stores events sorted by
    # date, and a newest-first page skips the row groups of older dates
    _insert(con, "events", [_event_row(e) for e in sorted(events, key=_date_key)])
    _insert(con, "participants", [row for e in events for row in _participant_rows(e)])
    insert_pairs(con, event_ids)
    insert_codes(con, event_ids)
    if current:
        mark_pairs_current(con)


def _date_key(ev: Event) -> tuple[bool, date]:
    return ev.date is None, ev.date or date.min


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    # When DuckDB has already aborted the transaction (an I/O error at commit, a
    # full disk) rollback fails too; the error worth reporting is the first one.
    with contextlib.suppress(duckdb.Error):
        con.rollback()


def known_hashes(store: Store) -> dict[str, str]:
    """content_hash -> id of the article kept for it (not a recorded duplicate).

    A failed article is kept for nothing: a later run codes its text again.
    """
    with store.connect() as con:
        rows = con.execute(
            "SELECT content_hash, arg_min(id, (status = 'duplicate', ingested_at, id)) "
            "FROM articles WHERE content_hash IS NOT NULL AND status <> 'failed' "
            "GROUP BY content_hash"
        ).fetchall()
    return {str(h): str(i) for h, i in rows}


def stored_hashes(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> dict[str, str]:
    """``known_hashes`` for the given hashes only (one query per batch, not the whole table)."""
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT content_hash, arg_min(id, (status = 'duplicate', ingested_at, id)) "
        "FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) AND status <> 'failed' "
        "GROUP BY content_hash",
        [sorted(set(hashes))],
    ).fetchall()
    return {str(h): str(i) for h, i in rows}


def coded_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are stored as coded articles (a later failure must not replace them)."""
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM articles WHERE status = 'coded' AND id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [sorted(set(ids))]).fetchall()
    return {str(r[0]) for r in rows}


def recent_coded(con: duckdb.DuckDBPyConnection, limit: int) -> list[tuple[str, str, str]]:
    """The ``limit`` most recently ingested coded articles, oldest first: (id, text, hash)."""
    rows = con.execute(
        "SELECT id, text, content_hash FROM (SELECT id, text, content_hash, ingested_at "
        "FROM articles WHERE status = 'coded' ORDER BY ingested_at DESC, id DESC LIMIT ?) "
        "ORDER BY ingested_at, id", [limit]).fetchall()
    return [(str(i), str(t or ""), str(h or "")) for i, t, h in rows]


def known_article_ids(store: Store) -> set[str]:
    """Every article id in the store, whatever its status."""
    with store.connect() as con:
        rows = con.execute("SELECT id FROM articles").fetchall()
    return {str(r[0]) for r in rows}


def naive_utc(moment: datetime | None) -> datetime | None:
    """A time as the store keeps it: UTC without a zone (a zone-less one is taken as UTC)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(store: Store, command: str) -> str:
    """Record the start of a run; returns its id."""
    run_id = uuid.uuid4().hex
    with store.connect() as con:
        con.execute(
            "INSERT INTO runs (id, command, started_at) VALUES (?, ?, ?)",
            [run_id, command, _utcnow()],
        )
    return run_id


def finish_run(store: Store, run_id: str, counts: RunCounts) -> None:
    """Record the end of a run and what it did."""
    with store.connect() as con:
        found = con.execute("SELECT count(*) FROM runs WHERE id = ?", [run_id]).fetchone()
        if not found or not found[0]:
            raise NotFoundError(f"no run {run_id!r} in {store.path}; start_run first")
        con.execute(
            "UPDATE runs SET finished_at = ?, read = ?, new = ?, duplicates = ?, "
            "skipped = ?, failed = ?, events = ? WHERE id = ?",
            [_utcnow(), counts.read, counts.new, counts.duplicates, counts.skipped,
             counts.failed, counts.events, run_id],
        )  # fmt: skip
