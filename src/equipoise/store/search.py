"""Finding articles: list, filter by outlet and date, full-text search.

DuckDB's full-text extension cannot be installed offline, so the index is SQLite FTS5
(in the standard library) in a sidecar file next to the store (``news.duckdb`` ->
``news.duckdb.search.sqlite``). The store stays the truth: before each search the index
compares its article ids with the store's and adds or drops the difference, so an
``ingest`` in between is picked up without a rebuild, and deleting the sidecar only
costs one rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from equipoise.errors import InputError, StoreError
from equipoise.store.db import Store

__all__ = ["ArticleHit", "ArticlePage", "ArticleQuery", "index_path", "search_articles",
           "sync_index"]

SUFFIX = ".search.sqlite"
_BATCH = 2000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (id TEXT PRIMARY KEY, title TEXT, outlet TEXT,
                                 published TEXT, events INTEGER);
CREATE INDEX IF NOT EXISTS meta_published ON meta (published);
CREATE INDEX IF NOT EXISTS meta_outlet ON meta (outlet);
CREATE TABLE IF NOT EXISTS state (fingerprint TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(id UNINDEXED, title, text,
                                                  tokenize = 'unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """What to find; every condition given must hold. ``text`` is full-text search."""

    text: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= 1000 or self.offset < 0:
            raise InputError("limit must be 1-1000 and offset >= 0")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since {self.since} is after until {self.until}")


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: str
    title: str | None
    outlet: str | None
    published: date | None
    events: int
    snippet: str | None   # the matching words in context, marked with [ ]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    hits: tuple[ArticleHit, ...]
    total: int


def index_path(store: Store) -> Path:
    return Path(str(store.path) + SUFFIX)


@contextmanager
def _index(store: Store) -> Iterator[sqlite3.Connection]:
    if not Path(store.path).exists():
        raise StoreError(f"no store at {store.path}; ingest articles first")
    try:
        with closing(sqlite3.connect(index_path(store), timeout=30)) as con:
            con.executescript(_SCHEMA)
            yield con
    except sqlite3.Error as exc:
        path = index_path(store)
        if not path.exists():  # a store in a folder this user cannot write
            raise StoreError(f"cannot create the search index {path} next to the store "
                             f"({exc}); copy the store to a folder you can write") from exc
        raise StoreError(f"the search index {path} cannot be used ({exc}); "
                         "delete it and it will be rebuilt") from exc


_STORE_IDS_SQL = "SELECT id FROM articles WHERE status = 'coded'"
# Changes when articles are added, removed or re-coded; equal means nothing to do.
_FINGERPRINT_SQL = """SELECT count(*) || '|' || coalesce(CAST(max(ingested_at) AS VARCHAR), '')
    || '|' || coalesce(max(id), '') FROM articles WHERE status = 'coded'"""
_ROWS_SQL = """
SELECT a.id, a.title, a.outlet, CAST(a.published AS VARCHAR), a.text,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id)
FROM articles a WHERE a.id IN (SELECT unnest(?::VARCHAR[]))"""


def sync_index(store: Store) -> tuple[int, int]:
    """Bring the index up to the store's coded articles: (added, dropped)."""
    with store.reading() as duck, _index(store) as con:
        row = duck.execute(_FINGERPRINT_SQL).fetchone()
        fingerprint = str(row[0]) if row else ""
        known = con.execute("SELECT fingerprint FROM state").fetchone()
        if known is not None and known[0] == fingerprint:
            return 0, 0
        stored = {str(r[0]) for r in duck.execute(_STORE_IDS_SQL).fetchall()}
        indexed = {str(r[0]) for r in con.execute("SELECT id FROM meta")}
        new, gone = sorted(stored - indexed), sorted(indexed - stored)
        with con:
            con.executemany("DELETE FROM meta WHERE id = ?", [(i,) for i in gone])
            con.executemany("DELETE FROM fts WHERE id = ?", [(i,) for i in gone])
            for start in range(0, len(new), _BATCH):
                rows = duck.execute(_ROWS_SQL, [new[start:start + _BATCH]]).fetchall()
                con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?, ?, ?, ?)",
                                [(r[0], r[1], r[2], r[3], r[5]) for r in rows])
                con.executemany("INSERT INTO fts (id, title, text) VALUES (?, ?, ?)",
                                [(r[0], r[1] or "", r[4] or "") for r in rows])
            con.execute("DELETE FROM state")
            con.execute("INSERT INTO state VALUES (?)", [fingerprint])
    return len(new), len(gone)


def _match(text: str) -> str:
    """Words as quoted FTS5 terms (all must occur); a trailing * keeps a prefix search."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*") and len(word) > 1
        core = word.rstrip("*").strip('"').replace('"', '""')
        if core:
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    if not terms:
        raise InputError(f"nothing to search for in {text!r}")
    return " ".join(terms)


def _where(q: ArticleQuery) -> tuple[str, list[object]]:
    conditions: list[tuple[str, object]] = [
        ("m.outlet = ?", q.outlet),
        ("m.published >= ?", q.since.isoformat() if q.since else None),
        ("m.published <= ?", q.until.isoformat() if q.until else None),
    ]
    used = [(sql, v) for sql, v in conditions if v is not None]
    return " AND ".join(["1 = 1", *(sql for sql, _ in used)]), [v for _, v in used]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _hit(row: tuple[object, ...]) -> ArticleHit:
    published = date.fromisoformat(str(row[3])) if row[3] else None
    return ArticleHit(str(row[0]), _text(row[1]), _text(row[2]), published,
                      int(str(row[4] or 0)), _text(row[5]))


def search_articles(store: Store, q: ArticleQuery) -> ArticlePage:
    """Matching articles, best first for a text search, newest first otherwise."""
    sync_index(store)
    where, params = _where(q)
    with _index(store) as con:
        if q.text:
            base = f"FROM fts JOIN meta m ON m.id = fts.id WHERE fts MATCH ? AND {where}"
            args = [_match(q.text), *params]
            sql = (f"SELECT m.id, m.title, m.outlet, m.published, m.events, "
                   f"snippet(fts, 2, '[', ']', '…', 12) {base} "
                   f"ORDER BY bm25(fts, 5.0, 1.0), m.id LIMIT ? OFFSET ?")
        else:
            base, args = f"FROM meta m WHERE {where}", params
            sql = (f"SELECT m.id, m.title, m.outlet, m.published, m.events, NULL {base} "
                   "ORDER BY m.published DESC, m.id LIMIT ? OFFSET ?")
        try:
            rows = con.execute(sql, [*args, q.limit, q.offset]).fetchall()
            total = con.execute(f"SELECT count(*) {base}", args).fetchone()
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot search for {q.text!r} ({exc})") from exc
    return ArticlePage(tuple(_hit(r) for r in rows), int(total[0]) if total else 0)
