"""Reading and writing event clusters (migration 2).

An event cluster is one real-world event behind one or more coded events: same
merge key (type, status, dyad) and dates within a tolerance. The grouping itself is
decided in ``equipoise.store.merge``; this module only moves rows. A cluster is named
by the id of its first event, so an analysis row can still link to a real event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from equipoise.store.pairs import mark_pairs_current, pairs_current, repoint_pairs

__all__ = [
    "ClusterInfo",
    "MemberRow",
    "get_cluster",
    "key_rows",
    "member_rows",
    "replace_clusters",
    "stale_keys",
]


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One event as the merger sees it."""

    event_id: str
    merge_key: str
    date: dt.date | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """One stored cluster: how many events, articles and outlets stand behind it."""

    cluster_id: str
    event_type: str
    status: str
    dyad: str
    date: dt.date | None
    date_last: dt.date | None
    mentions: int
    articles: int
    outlets: int
    article_ids: tuple[str, ...]
    evidence: tuple[str, ...]


# Unordered types get "A+B" from every code; the others "actors>recipients".
_KEYS_SQL = """
WITH target AS ({target}),
codes AS (
    SELECT p.event_id,
           list_sort(list_distinct(list(p.code) FILTER (WHERE p.role = 'actor'))) AS actors,
           list_sort(list_distinct(list(p.code) FILTER (WHERE p.role = 'recipient'))) AS recips
    FROM participants p
    WHERE p.code IS NOT NULL AND p.event_id IN (SELECT id FROM target)
    GROUP BY p.event_id
),
keyed AS (
    SELECT e.id, e.event_type, e.status, e.date, e.date_precision,
           CASE WHEN list_contains(?::VARCHAR[], e.event_type)
                THEN array_to_string(list_sort(list_distinct(list_concat(
                         coalesce(c.actors, []), coalesce(c.recips, [])))), '+')
                ELSE array_to_string(coalesce(c.actors, []), ',') || '>'
                     || array_to_string(coalesce(c.recips, []), ',')
           END AS dyad
    FROM events e LEFT JOIN codes c ON c.event_id = e.id
    WHERE e.id IN (SELECT id FROM target)
)
SELECT id, event_type || '|' || status || '|' || dyad, date, date_precision FROM keyed
"""
_TARGET_IDS = "SELECT unnest(?::VARCHAR[]) AS id"
_TARGET_UNMAPPED = (
    "SELECT e.id FROM events e ANTI JOIN event_cluster_members m ON m.event_id = e.id"
)


def key_rows(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str] | None,
             symmetric: Sequence[str]) -> list[MemberRow]:
    """Merge keys of the given events (None: every event not yet in a cluster)."""
    if event_ids is None:
        sql, params = _KEYS_SQL.format(target=_TARGET_UNMAPPED), [list(symmetric)]
    else:
        sql = _KEYS_SQL.format(target=_TARGET_IDS)
        params = [list(event_ids), list(symmetric)]
    rows = con.execute(sql, params).fetchall()
    return [MemberRow(str(i), str(k), d, p) for i, k, d, p in rows]


def stale_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Keys of clusters holding an event that no longer exists (its article was re-written)."""
    rows = con.execute(
        "SELECT DISTINCT m.merge_key FROM event_cluster_members m "
        "ANTI JOIN events e ON e.id = m.event_id"
    ).fetchall()
    return [str(r[0]) for r in rows]


def member_rows(con: duckdb.DuckDBPyConnection, keys: Sequence[str],
                exclude: Sequence[str]) -> list[MemberRow]:
    """Stored events already clustered under ``keys``, except ``exclude``."""
    rows = con.execute(
        "SELECT m.event_id, m.merge_key, e.date, e.date_precision "
        "FROM event_cluster_members m JOIN events e ON e.id = m.event_id "
        "WHERE m.merge_key IN (SELECT unnest(?::VARCHAR[])) "
        "AND m.event_id NOT IN (SELECT unnest(?::VARCHAR[]))",
        [list(keys), list(exclude)],
    ).fetchall()
    return [MemberRow(str(i), str(k), d, p) for i, k, d, p in rows]


_MEMBER_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("cluster_id", pa.string()), ("merge_key", pa.string())]
)
_CLUSTERS_SQL = """
INSERT INTO event_clusters
SELECT m.cluster_id, any_value(m.merge_key), any_value(e.event_type), any_value(e.status),
       split_part(any_value(m.merge_key), '|', 3),
       min(e.date), max(e.date), arg_max(e.date_precision, e.id = m.cluster_id),
       count(*), count(DISTINCT e.article_id), count(DISTINCT a.outlet),
       list(DISTINCT e.article_id ORDER BY e.article_id),
       list(e.evidence_text ORDER BY e.date NULLS LAST, e.id)
FROM _new_members m JOIN events e ON e.id = m.event_id
LEFT JOIN articles a ON a.id = e.article_id
GROUP BY m.cluster_id
"""


def replace_clusters(con: duckdb.DuckDBPyConnection, keys: Sequence[str],
                     assigned: Sequence[tuple[str, str, str]],
                     drop_events: Sequence[str]) -> None:
    """Replace every cluster under ``keys`` by ``assigned`` (event, cluster, key) rows.

    Runs inside the caller's transaction. ``drop_events`` lose any old membership.
    The pair rows of every event concerned follow their new cluster.
    """
    current = pairs_current(con)
    con.execute(
        "DELETE FROM event_cluster_members WHERE merge_key IN (SELECT unnest(?::VARCHAR[])) "
        "OR event_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(keys), list(drop_events)],
    )
    con.execute("DELETE FROM event_clusters WHERE merge_key IN (SELECT unnest(?::VARCHAR[]))",
                [list(keys)])
    if assigned:
        _insert_members(con, assigned)
    repoint_pairs(con, sorted({e for e, _, _ in assigned} | set(drop_events)))
    if current:
        mark_pairs_current(con)


def _insert_members(con: duckdb.DuckDBPyConnection,
                    assigned: Sequence[tuple[str, str, str]]) -> None:
    table = pa.Table.from_pylist(
        [{"event_id": e, "cluster_id": c, "merge_key": k} for e, c, k in assigned],
        schema=_MEMBER_SCHEMA,
    )
    con.register("_new_members", table)
    con.execute("INSERT INTO event_cluster_members SELECT * FROM _new_members")
    con.execute(_CLUSTERS_SQL)
    con.unregister("_new_members")


def get_cluster(con: duckdb.DuckDBPyConnection, event_id: str) -> ClusterInfo | None:
    """The cluster an event belongs to, or None when it has not been merged yet."""
    row = con.execute(
        "SELECT c.cluster_id, c.event_type, c.status, c.dyad, c.date, c.date_last, c.mentions, "
        "c.articles, c.outlets, c.article_ids, c.evidence FROM event_clusters c "
        "JOIN event_cluster_members m ON m.cluster_id = c.cluster_id WHERE m.event_id = ?",
        [event_id],
    ).fetchone()
    if row is None:
        return None
    return ClusterInfo(str(row[0]), str(row[1]), str(row[2]), str(row[3]), row[4], row[5],
                       int(row[6]), int(row[7]), int(row[8]), tuple(row[9] or ()),
                       tuple(row[10] or ()))
