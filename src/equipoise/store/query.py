"""Read-only queries over the store; every value is a bound parameter.

Each call opens its own short read-only connection, so a running ``ingest`` is
only ever kept waiting for the length of one query.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from equipoise.errors import InputError
from equipoise.models import EVENT_TYPES, PRECISIONS, STATUSES, Article, Event
from equipoise.store._paging import (
    code_where,
    page_records,
    paged_ids,
    pair_where,
    records_by_id,
)
from equipoise.store.db import Store
from equipoise.store.dyads import dyad_totals
from equipoise.store.records import aware_utc, date_source, event_from_record

__all__ = [
    "SORT_COLUMNS",
    "ActorHit",
    "CorpusSummary",
    "DyadCount",
    "EventFilter",
    "EventPlace",
    "FailedArticle",
    "RunInfo",
    "StoredArticle",
    "Story",
    "corpus_summary",
    "count_events",
    "event_places",
    "failures",
    "get_article",
    "get_event",
    "query_events",
    "recent_runs",
    "search_actors",
    "stories",
]

# Sort keys a caller may name, and the only SQL they can become.
SORT_COLUMNS: dict[str, str] = {
    "date": "e.date", "id": "e.id", "article_id": "e.article_id",
    "event_type": "e.event_type", "status": "e.status", "confidence": "e.confidence",
    "intensity": "e.intensity", "quad": "e.quad",
}  # fmt: skip
MAX_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; all conditions must hold. ``order`` may start with '-'."""

    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None
    article_id: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"
    min_confidence: float | None = None
    precision: str | None = None
    # a participant of this sector (GOV, COP, CVL, ...; docs/actors.md)
    sector: str | None = None
    # "domestic": every participant of one country, two or more sectors; "international":
    # any other event
    scope: str | None = None

    def __post_init__(self) -> None:
        if self.sector is not None and not re.fullmatch(r"[A-Za-z]{3}", self.sector):
            raise InputError(f"sector {self.sector!r} is not a three-letter code such as "
                             "GOV, COP or CVL (docs/actors.md lists them)")
        if self.scope is not None and self.scope not in SCOPES:
            raise InputError(f"unknown scope {self.scope!r}; one of {', '.join(SCOPES)}")
        if self.order.removeprefix("-") not in SORT_COLUMNS:
            raise InputError(
                f"cannot sort by {self.order!r}; use one of {', '.join(SORT_COLUMNS)} "
                "(prefix '-' for descending)"
            )
        if self.event_type is not None and self.event_type.upper() not in EVENT_TYPES:
            raise InputError(f"unknown event type {self.event_type!r}; one of {EVENT_TYPES}")
        if self.status is not None and self.status not in STATUSES:
            raise InputError(f"unknown status {self.status!r}; one of {STATUSES}")
        if self.limit is not None and not 0 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit must be between 0 and {MAX_LIMIT}, not {self.limit}")
        if self.offset < 0:
            raise InputError(f"offset must not be negative, not {self.offset}")
        if self.precision is not None and self.precision not in PRECISIONS:
            raise InputError(f"unknown date precision {self.precision!r}; one of {PRECISIONS}")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since {self.since} is after until {self.until}")


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article: Article
    status: str
    error: str | None
    canonical_id: str | None
    run_id: str | None
    ingested_at: datetime | None
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class DyadCount:
    """A pair of codes (``source < target``): its events, and how many by direction.

    The dyad series' definition (``store.dyads.dyad_totals``): occurred, dated events.
    """

    source: str
    target: str
    count: int
    forward: int = 0    # source -> target
    backward: int = 0   # target -> source
    joint: int = 0      # both as co-actors, no recipient


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    articles: int
    events: int
    articles_by_status: dict[str, int]
    events_by_type: dict[str, int]
    events_by_status: dict[str, int]
    first_date: date | None
    last_date: date | None
    top_dyads: tuple[DyadCount, ...]


@dataclass(frozen=True, slots=True)
class ActorHit:
    code: str
    name: str | None
    count: int


@dataclass(frozen=True, slots=True)
class FailedArticle:
    id: str
    source: str | None
    title: str | None
    status: str
    error: str | None
    run_id: str | None


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: str
    command: str | None
    started_at: datetime | None
    finished_at: datetime | None
    read: int
    new: int
    duplicates: int
    skipped: int
    failed: int
    events: int


_ACTOR_SQL = """EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id
    AND p.code = upper(?)
    AND (p.role = 'actor' OR NOT EXISTS (
        SELECT 1 FROM participants r WHERE r.event_id = e.id AND r.role = 'recipient')))"""
_SECTOR_SQL = """EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id
    AND p.sector = upper(?))"""
# one country for every participant, two or more sectors: an act inside one state
_DOMESTIC_SQL = """(SELECT count(DISTINCT p.code) = 1 AND bool_and(p.country IS NOT NULL)
    AND count(DISTINCT p.sector) >= 2 FROM participants p WHERE p.event_id = e.id)"""
SCOPES = ("domestic", "international")
_RECIPIENT_SQL = """EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id
    AND p.role = 'recipient' AND p.code = upper(?))"""


def where_clause(flt: EventFilter) -> tuple[str, list[Any]]:
    """SQL condition over ``events e`` and its parameters (shared with exports)."""
    conditions: list[tuple[str, Any]] = [
        (_ACTOR_SQL, flt.actor),
        (_RECIPIENT_SQL, flt.recipient),
        ("e.event_type = upper(?)", flt.event_type),
        ("e.date >= ?", flt.since),
        ("e.date <= ?", flt.until),
        ("e.status = ?", flt.status),
        ("e.article_id = ?", flt.article_id),
        ("e.confidence >= ?", flt.min_confidence),
        ("e.date_precision = ?", flt.precision),
        (_SECTOR_SQL, flt.sector),
    ]
    used = [(sql, value) for sql, value in conditions if value is not None]
    fixed = [] if flt.scope is None else [
        _DOMESTIC_SQL if flt.scope == "domestic" else f"NOT coalesce({_DOMESTIC_SQL}, FALSE)"]
    if not used and not fixed:
        return "TRUE", []
    return (" AND ".join([sql for sql, _ in used] + fixed),
            [value for _, value in used])


def order_clause(flt: EventFilter) -> tuple[str, list[Any]]:
    """ORDER BY ... LIMIT ... OFFSET ... with the sort column from the whitelist."""
    column = SORT_COLUMNS[flt.order.removeprefix("-")]
    direction = "DESC" if flt.order.startswith("-") else "ASC"
    sql = f"ORDER BY {column} {direction} NULLS LAST, e.id ASC"
    params: list[Any] = []
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    if flt.offset:
        sql += " OFFSET ?"
        params.append(flt.offset)
    return sql, params


def _narrow(store: Store, con: duckdb.DuckDBPyConnection, flt: EventFilter
            ) -> tuple[str, str, list[Any]] | None:
    """The maintained table that answers ``flt`` (pairs or codes) and its condition."""
    pair, code = pair_where(flt), code_where(flt)
    if pair is None and code is None:
        return None
    if not store.pairs_fresh(con):
        return None
    if pair is not None:
        return "event_pairs", pair[0], pair[1]
    assert code is not None
    return "event_codes", code[0], code[1]


def query_events(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    """The output-contract records of the matching events, sorted and paged."""
    with store.connect(read_only=True) as con:
        narrow = _narrow(store, con, flt)
        if narrow is not None:
            sql, params = paged_ids(*narrow, flt)
            rows = records_by_id(con, [r[0] for r in con.execute(sql, params).fetchall()])
        else:
            where, params = where_clause(flt)
            order, order_params = order_clause(flt)
            rows = page_records(con, where, params, order, order_params,
                                paged=flt.limit is not None)
    return [json.loads(r[0]) for r in rows]


def count_events(store: Store, flt: EventFilter) -> int:
    """How many events match, ignoring limit and offset.

    A server asks the same filter's count for every page and every visitor; the
    count is remembered per filter (its SQL and parameters) until the file changes.
    """
    with store.connect(read_only=True) as con:
        narrow = _narrow(store, con, flt)
        if narrow is not None:
            table, where, params = narrow
            sql = f"SELECT count(*) FROM {table} WHERE {where}"
        else:
            where, params = where_clause(flt)
            sql = f"SELECT count(*) FROM events e WHERE {where}"

        def count() -> int:
            row = con.execute(sql, params).fetchone()
            return int(row[0]) if row else 0

        return store.remember(con, f"count {sql} {params!r}", count)


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Events of one PLOVER type at one point (coordinates rounded to ~100 m)."""

    lat: float
    lon: float
    place: str | None
    country: str | None
    event_type: str
    quad: int | None
    events: int
    example: str


_PLACES_SQL = """
SELECT round(e.lat, 3), round(e.lon, 3), any_value(e.place), any_value(e.location_country),
       e.event_type, any_value(e.quad), count(*), min(e.id)
FROM events e
WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {where}
GROUP BY 1, 2, e.event_type
ORDER BY 7 DESC, 1, 2, e.event_type
"""


def event_places(store: Store, flt: EventFilter) -> tuple[list[EventPlace], int]:
    """Where the matching events happened, and how many of them have no coordinates."""
    where, params = where_clause(flt)
    with store.connect(read_only=True) as con:
        rows = con.execute(_PLACES_SQL.format(where=where), params).fetchall()
        row = con.execute(f"SELECT count(*) FROM events e WHERE (e.lat IS NULL OR e.lon IS NULL)"
                          f" AND {where}", params).fetchone()  # fmt: skip
    places = [EventPlace(float(r[0]), float(r[1]), r[2], r[3], r[4], r[5], int(r[6]), r[7])
              for r in rows]  # fmt: skip
    return places, int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event: the cluster of the reports (events) that tell it."""

    id: str                       # the cluster id (its first report's event id)
    event_type: str
    status: str
    dyad: str                     # "A+B" (together), "A,B>C" (A and B toward C)
    actors: tuple[str, ...]       # every code its reports name as actor / recipient
    recipients: tuple[str, ...]
    first_date: date | None       # when it happened: its reports' earliest and latest date
    last_date: date | None
    place: str | None
    mentions: int                 # reports (coded events)
    articles: int
    outlets: int
    first_seen: date | None       # earliest and latest publication among its articles
    last_seen: date | None
    confidence: float | None      # the highest of its reports
    article_ids: tuple[str, ...]
    mention_ids: tuple[str, ...]  # the way down to the reports, in date order
    evidence: tuple[str | None, ...]  # each report's evidence, in the same order
    mention_articles: tuple[str, ...]  # each report's article, in the same order


# A story matches when any of its reports matches the filter; it then carries them all.
# The page's stories are found first from narrow columns (sorted by their earliest
# report's date), then only those are assembled: assembling every matching story of a
# million events took seconds.
_HIT_SQL = """
hit AS (
    SELECT DISTINCT coalesce(m.cluster_id, e.id) AS story
    FROM events e LEFT JOIN event_cluster_members m ON m.event_id = e.id
    WHERE {where}
)"""
# a cluster's id is its first event's, which is a member; an unclustered event has no row
_MEMBERS_SQL = """
member_ids AS (
    SELECT h.story, coalesce(m.event_id, h.story) AS id
    FROM {stories} h LEFT JOIN event_cluster_members m ON m.cluster_id = h.story
)"""
_STORY_PAGE_SQL = f"""
WITH {_HIT_SQL}, {_MEMBERS_SQL.format(stories="hit")}
SELECT mi.story FROM member_ids mi JOIN events e ON e.id = mi.id
GROUP BY mi.story ORDER BY min(e.date) DESC NULLS LAST, mi.story
LIMIT ? OFFSET ?"""
_STORIES_SQL = f"""
WITH page AS (SELECT unnest(?::VARCHAR[]) AS story),
{_MEMBERS_SQL.format(stories="page")},
members AS (
    SELECT mi.story, e.* FROM member_ids mi JOIN events e ON e.id = mi.id
),
parts AS (
    SELECT mb.story,
           list(DISTINCT p.code ORDER BY p.code) FILTER (WHERE p.role = 'actor') AS actors,
           list(DISTINCT p.code ORDER BY p.code) FILTER (WHERE p.role = 'recipient') AS recips
    FROM members mb JOIN participants p ON p.event_id = mb.id WHERE p.code IS NOT NULL
    GROUP BY mb.story
)
SELECT mb.story, any_value(mb.event_type), any_value(mb.status), any_value(pt.actors),
       any_value(pt.recips), min(mb.date), max(mb.date), mode(mb.place), count(*),
       count(DISTINCT mb.article_id), count(DISTINCT a.outlet), min(a.published),
       max(a.published), max(mb.confidence), list(DISTINCT mb.article_id ORDER BY mb.article_id),
       list(mb.id ORDER BY mb.date NULLS LAST, mb.id),
       list(mb.evidence_text ORDER BY mb.date NULLS LAST, mb.id),
       list(mb.article_id ORDER BY mb.date NULLS LAST, mb.id), any_value(c.dyad)
FROM members mb LEFT JOIN articles a ON a.id = mb.article_id
LEFT JOIN parts pt ON pt.story = mb.story
LEFT JOIN event_clusters c ON c.cluster_id = mb.story
GROUP BY mb.story
ORDER BY min(mb.date) DESC NULLS LAST, mb.story"""


def _day(value: Any) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _story(r: tuple[Any, ...]) -> Story:
    actors, recipients = tuple(r[3] or ()), tuple(r[4] or ())
    dyad = r[18] or (",".join(actors) + (">" + ",".join(recipients) if recipients else ""))
    return Story(
        id=str(r[0]), event_type=str(r[1]), status=str(r[2]), dyad=str(dyad),
        actors=tuple(r[3] or ()),
        recipients=tuple(r[4] or ()), first_date=_day(r[5]), last_date=_day(r[6]), place=r[7],
        mentions=int(r[8]), articles=int(r[9]), outlets=int(r[10]), first_seen=_day(r[11]),
        last_seen=_day(r[12]), confidence=None if r[13] is None else float(r[13]),
        article_ids=tuple(r[14] or ()), mention_ids=tuple(r[15] or ()),
        evidence=tuple(r[16] or ()), mention_articles=tuple(r[17] or ()),
    )  # fmt: skip


def stories(store: Store, flt: EventFilter) -> tuple[list[Story], int]:
    """The stories (event clusters) with a report matching ``flt``, newest first; and how
    many there are. An event not yet clustered is a story of its own."""
    where, params = where_clause(flt)
    limit = flt.limit if flt.limit is not None else MAX_LIMIT
    with store.connect(read_only=True) as con:
        page = [r[0] for r in con.execute(_STORY_PAGE_SQL.format(where=where),
                                          [*params, limit, flt.offset]).fetchall()]
        rows = con.execute(_STORIES_SQL, [page]).fetchall() if page else []
        total = con.execute(f"WITH {_HIT_SQL.format(where=where)} SELECT count(*) FROM hit",
                            params).fetchone()  # fmt: skip
    return [_story(r) for r in rows], int(total[0]) if total else 0


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    with store.connect(read_only=True) as con:
        row = con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


_ARTICLE_SQL = """SELECT id, text, title, url, published, outlet, source, language,
    content_hash, status, error, canonical_id, run_id, ingested_at, published_source,
    fetched_at FROM articles WHERE id = ?"""


def get_article(store: Store, article_id: str) -> StoredArticle | None:
    """An article with its cleaned text and its events in text order."""
    with store.connect(read_only=True) as con:
        row = con.execute(_ARTICLE_SQL, [article_id]).fetchone()
        if row is None:
            return None
        records = con.execute(
            "SELECT record FROM events WHERE article_id = ? ORDER BY evidence_start, id",
            [article_id],
        ).fetchall()
    article = Article(
        id=row[0], text=row[1] or "", title=row[2], url=row[3], published=row[4],
        outlet=row[5], source=row[6] or "", language=row[7], content_hash=row[8] or "",
        published_source=date_source(row[14]), fetched_at=aware_utc(row[15]),
    )  # fmt: skip
    events = tuple(event_from_record(json.loads(r[0])) for r in records)
    return StoredArticle(article, row[9], row[10], row[11], row[12], row[13], events)


def _counts(rows: list[tuple[Any, ...]]) -> dict[str, int]:
    return {str(k): int(v) for k, v in rows}


def corpus_summary(store: Store, *, top: int = 10) -> CorpusSummary:
    """Articles by status, events by type and status, date range and the top dyads."""
    with store.connect(read_only=True) as con:
        by_status = con.execute("SELECT status, count(*) FROM articles GROUP BY 1").fetchall()
        by_type = con.execute(
            "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        ev_status = con.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall()
        span = con.execute("SELECT min(date), max(date), count(*) FROM events").fetchone()
        dyads = dyad_totals(con, top=top)
    first, last, n_events = span if span else (None, None, 0)
    articles = _counts(by_status)
    return CorpusSummary(
        articles=sum(articles.values()), events=int(n_events), articles_by_status=articles,
        events_by_type=_counts(by_type), events_by_status=_counts(ev_status),
        first_date=first, last_date=last,
        top_dyads=tuple(DyadCount(*row) for row in dyads),
    )  # fmt: skip


_ACTORS_SQL = """
SELECT code, mode(name) AS name, count(DISTINCT event_id) AS n FROM participants
WHERE code IS NOT NULL AND (starts_with(code, upper(?))
    OR contains(lower(coalesce(name, '')), lower(?))
    OR contains(lower(coalesce(text, '')), lower(?)))
GROUP BY code ORDER BY (code = upper(?)) DESC, n DESC, code LIMIT ?"""


def search_actors(store: Store, q: str, limit: int = 20) -> list[ActorHit]:
    """Participant codes whose code starts with, or whose name or text contains, ``q``."""
    if not 1 <= limit <= 1000:
        raise InputError(f"limit must be between 1 and 1000, not {limit}")
    q = q.strip()
    with store.connect(read_only=True) as con:
        rows = con.execute(_ACTORS_SQL, [q, q, q, q, limit]).fetchall()
    return [ActorHit(str(code), name, int(n)) for code, name, n in rows]


def failures(store: Store) -> list[FailedArticle]:
    """Articles that were skipped or failed, with the recorded reason."""
    with store.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT id, source, title, status, error, run_id FROM articles "
            "WHERE status IN ('failed', 'skipped') ORDER BY ingested_at, id"
        ).fetchall()
    return [FailedArticle(*row) for row in rows]


def recent_runs(store: Store, limit: int = 20) -> list[RunInfo]:
    """The latest runs first."""
    with store.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT id, command, started_at, finished_at, read, new, duplicates, skipped, "
            "failed, events FROM runs ORDER BY started_at DESC, id LIMIT ?",
            [limit],
        ).fetchall()
    return [RunInfo(*row) for row in rows]
