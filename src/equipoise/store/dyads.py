"""Dyadic rows: one row per (event, pair of participant codes), the one pair definition.

An event with recipients yields actor -> recipient pairs; an event with no recipient and
several actors (a bilateral meeting, a joint pledge) yields one ``joint`` row per pair of
actors, stored with ``src < dst`` (see ``PAIR_CTES``). The analyses, the dashboard's
network and the CLI all read pairs through this module, from the maintained
``event_pairs`` table, or derived with the same CTEs when a store was changed by hand.

Rows count real-world events: ``event_id`` is the event's cluster, ``date`` and
``date_precision`` the cluster's; ``mention_id`` is the event's own id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from equipoise.errors import StoreError
from equipoise.store.pairs import PAIR_CTES, pair_key, pairs_current

__all__ = [
    "Edge",
    "MonthCount",
    "code_names",
    "dyad_totals",
    "events_by_month",
    "network_edges",
    "pair_rows",
]

# ``cand`` narrows the work to events that can yield a wanted pair (two distinct codes,
# both among ``codes``, one of them ``involving``) before the per-participant grouping:
# on 10 million events that grouping over every participant took seconds.
_PAIRS_SQL = """
WITH cand AS (
    SELECT event_id FROM participants
    WHERE code IS NOT NULL AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], code))
    GROUP BY event_id
    HAVING count(DISTINCT code) >= 2 AND (?::VARCHAR IS NULL OR bool_or(code = ?))
),
{ctes}clustered AS (
    SELECT m.event_id, m.cluster_id, c.date, c.date_precision
    FROM event_cluster_members m JOIN event_clusters c ON c.cluster_id = m.cluster_id
    WHERE m.event_id IN (SELECT event_id FROM cand)
)
SELECT coalesce(m.cluster_id, e.id) AS event_id, e.id AS mention_id, e.article_id,
       e.event_type, e.mode, e.status, coalesce(m.date, e.date) AS date,
       e.quad, e.intensity, e.place, e.location_country, e.evidence_text,
       e.contexts, pairs.src, pairs.dst, pairs.joint, pairs.src_titles,
       pairs.dst_titles, pairs.src_country, pairs.dst_country,
       coalesce(m.date_precision, e.date_precision) AS date_precision
FROM pairs JOIN events e ON e.id = pairs.event_id
LEFT JOIN clustered m ON m.event_id = e.id
WHERE list_contains(?::VARCHAR[], e.status)
  AND (?::VARCHAR IS NULL OR pairs.src = ? OR pairs.dst = ?)
  AND (?::VARCHAR[] IS NULL
       OR (list_contains(?::VARCHAR[], pairs.src) AND list_contains(?::VARCHAR[], pairs.dst)))
  AND (?::DATE IS NULL OR coalesce(m.date, e.date) >= ?::DATE)
  AND (?::DATE IS NULL OR coalesce(m.date, e.date) <= ?::DATE)
ORDER BY 7, 1, 2, pairs.src, pairs.dst
""".replace("{ctes}", PAIR_CTES.format(events="SELECT event_id FROM cand"))


# Past this many codes the list of pair keys gets long; filter on both ends instead.
_MAX_KEYED_CODES = 12
_TABLE_SQL = """
SELECT event_id, mention_id, article_id, event_type, mode, status, date, quad, intensity,
       place, location_country, evidence_text, contexts, src, dst, joint, src_titles,
       dst_titles, src_country, dst_country, date_precision
FROM event_pairs
WHERE {pairs} AND list_contains(?::VARCHAR[], status)
  AND (?::DATE IS NULL OR date >= ?::DATE) AND (?::DATE IS NULL OR date <= ?::DATE)
ORDER BY date, event_id, mention_id, src, dst
"""


def _pair_filter(involving: str | None, codes: list[str] | None) -> tuple[str, list[object]]:
    if codes is not None and len(set(codes)) <= _MAX_KEYED_CODES:
        unique = sorted(set(codes))
        keys = [pair_key(a, b) for i, a in enumerate(unique) for b in unique[i + 1:]
                if involving is None or involving in (a, b)]
        return "pair_key IN (SELECT unnest(?::VARCHAR[]))", [keys]
    sql = "(?::VARCHAR IS NULL OR src = ? OR dst = ?)"
    params: list[object] = [involving, involving, involving]
    if codes is not None:
        sql += " AND list_contains(?::VARCHAR[], src) AND list_contains(?::VARCHAR[], dst)"
        params += [codes, codes]
    return sql, params


def _query(con: duckdb.DuckDBPyConnection, statuses: Sequence[str], involving: str | None,
           codes: list[str] | None, since: date | None, until: date | None,
           fresh: bool | None) -> pd.DataFrame:
    if pairs_current(con) if fresh is None else fresh:
        where, params = _pair_filter(involving, codes)
        return con.execute(_TABLE_SQL.format(pairs=where),
                           [*params, list(statuses), since, since, until, until]).df()
    # a store changed by hand: derive the pairs here, as slow as that is
    params = [
        codes, codes, involving, involving,
        list(statuses), involving, involving, involving, codes, codes, codes,
        since, since, until, until,
    ]  # fmt: skip
    return con.execute(_PAIRS_SQL, params).df()


def pair_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    statuses: Sequence[str] = ("occurred",),
    involving: str | None = None,
    codes: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    fresh: bool | None = None,
) -> pd.DataFrame:
    """Pair rows touching ``involving`` with both ends in ``codes`` (None: no filter).

    ``fresh``: whether the pair table is current (``Store.pairs_fresh``), when the
    caller knows it; checking costs a count of four tables (~25 ms on 10 million
    events), which a server remembers per open of the file."""
    code_list = list(codes) if codes is not None else None
    try:
        frame = _query(con, statuses, involving, code_list, since, until, fresh)
    except duckdb.Error as exc:
        raise StoreError(f"cannot read events from the store ({exc}); is it migrated?") from exc
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str
    event_type: str
    events: int


@dataclass(frozen=True, slots=True)
class Edge:
    """Events between two codes (``source < target``), split by quad family."""

    source: str
    target: str
    events: int
    cooperative: int
    conflictual: int

    @property
    def net(self) -> float:
        return (self.cooperative - self.conflictual) / self.events if self.events else 0.0


_BY_MONTH_SQL = """
SELECT strftime(date, '%Y-%m') AS month, event_type, count(*) AS n FROM events
WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"""


def events_by_month(con: duckdb.DuckDBPyConnection) -> list[MonthCount]:
    """Dated events per calendar month and PLOVER type."""
    rows = con.execute(_BY_MONTH_SQL).fetchall()
    return [MonthCount(str(m), str(t), int(n)) for m, t, n in rows]


# Reports, not clusters: the network shows how much was written about each pair.
_NETWORK_SQL = """
SELECT least(src, dst) AS s, greatest(src, dst) AS t, count(DISTINCT mention_id) AS n,
       count(DISTINCT mention_id) FILTER (WHERE quad IN (1, 2)) AS coop,
       count(DISTINCT mention_id) FILTER (WHERE quad IN (3, 4)) AS conflict
FROM ({rows}) r
WHERE status = ? AND (?::DATE IS NULL OR mention_date >= ?::DATE)
  AND (?::DATE IS NULL OR mention_date <= ?::DATE)
GROUP BY 1, 2 ORDER BY n DESC, s, t LIMIT ?"""
_DERIVED_SQL = """
WITH {ctes}done AS (SELECT 1)
SELECT pairs.event_id AS mention_id, pairs.src, pairs.dst, e.status, e.quad,
       e.date AS mention_date
FROM pairs JOIN events e ON e.id = pairs.event_id""".replace(
    "{ctes}", PAIR_CTES.format(events="SELECT id FROM events"))


def _rows_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Where pair rows come from: the maintained table, or derived when it is stale."""
    return "SELECT * FROM event_pairs" if pairs_current(con) else _DERIVED_SQL


def network_edges(con: duckdb.DuckDBPyConnection, *, status: str, since: date | None,
                  until: date | None, limit: int) -> list[Edge]:
    """The ``limit`` busiest unordered pairs of participant codes, counted in reports."""
    rows = con.execute(_NETWORK_SQL.format(rows=_rows_sql(con)),
                       [status, since, since, until, until, limit]).fetchall()
    return [Edge(str(s), str(t), int(n), int(c), int(k)) for s, t, n, c, k in rows]


# One definition of a dyad count, the dyad series' own: occurred, dated events (clusters)
# between the two codes; by direction a -> b, b -> a, and joint (co-actors, no
# recipient). Reports of one event may tell it differently (one as a visit, one as
# talks together), so the directions can add up to more than ``events``, never less.
_TOTALS_SQL = """
SELECT least(src, dst) AS a, greatest(src, dst) AS b, count(DISTINCT event_id) AS n,
       count(DISTINCT event_id) FILTER (WHERE NOT joint AND src < dst) AS ab,
       count(DISTINCT event_id) FILTER (WHERE NOT joint AND src > dst) AS ba,
       count(DISTINCT event_id) FILTER (WHERE joint) AS j
FROM {rows} r
WHERE status = 'occurred' AND date IS NOT NULL AND src <> dst
GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?"""


def dyad_totals(con: duckdb.DuckDBPyConnection, *, top: int) -> list[tuple[str, str, int, int,
                                                                         int, int]]:
    """The ``top`` busiest pairs (a < b): events, a -> b, b -> a and joint."""
    if pairs_current(con):
        rows = con.execute(_TOTALS_SQL.format(rows="event_pairs"), [top]).fetchall()
    else:
        derived = pair_rows(con)
        con.register("derived_pairs", derived)
        try:
            rows = con.execute(_TOTALS_SQL.format(rows="derived_pairs"), [top]).fetchall()
        finally:
            con.unregister("derived_pairs")
    return [(str(a), str(b), int(n), int(ab), int(ba), int(j)) for a, b, n, ab, ba, j in rows]



_NAMES_SQL = """
SELECT code, mode(coalesce(name, text)) FROM participants
WHERE list_contains(?::VARCHAR[], code) GROUP BY code"""


def code_names(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> dict[str, str | None]:
    """The most common name written for each code."""
    if not codes:
        return {}
    rows = con.execute(_NAMES_SQL, [list(codes)]).fetchall()
    return {str(c): (str(n) if n is not None else None) for c, n in rows}
