"""Aggregates the dashboard needs that the store's query module does not offer yet.

Fixed SQL with bound parameters only; candidates to move into ``equipoise.store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from equipoise.store import Store


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


def events_by_month(store: Store) -> list[MonthCount]:
    """Dated events per calendar month and PLOVER type."""
    with store.connect(read_only=True) as con:
        rows = con.execute(_BY_MONTH_SQL).fetchall()
    return [MonthCount(str(m), str(t), int(n)) for m, t, n in rows]


_NETWORK_SQL = """
WITH pairs AS (
    SELECT a.event_id, a.code AS x, r.code AS y
    FROM participants a JOIN participants r ON a.event_id = r.event_id
    WHERE a.role = 'actor' AND r.role = 'recipient'
    UNION
    SELECT a.event_id, a.code, b.code
    FROM participants a JOIN participants b ON a.event_id = b.event_id
    WHERE a.role = 'actor' AND b.role = 'actor' AND a.code < b.code
      AND NOT EXISTS (SELECT 1 FROM participants r
                      WHERE r.event_id = a.event_id AND r.role = 'recipient')
),
undirected AS (
    SELECT DISTINCT event_id, least(x, y) AS s, greatest(x, y) AS t FROM pairs
    WHERE x IS NOT NULL AND y IS NOT NULL AND x <> y
)
SELECT u.s, u.t, count(*) AS n,
       count(*) FILTER (WHERE e.quad IN (1, 2)) AS coop,
       count(*) FILTER (WHERE e.quad IN (3, 4)) AS conflict
FROM undirected u JOIN events e ON e.id = u.event_id
WHERE e.status = ? AND (?::DATE IS NULL OR e.date >= ?::DATE)
  AND (?::DATE IS NULL OR e.date <= ?::DATE)
GROUP BY u.s, u.t ORDER BY n DESC, u.s, u.t LIMIT ?"""

_NAMES_SQL = """
SELECT code, mode(coalesce(name, text)) FROM participants
WHERE list_contains(?::VARCHAR[], code) GROUP BY code"""


def network_edges(
    store: Store, *, status: str, since: date | None, until: date | None, limit: int
) -> list[Edge]:
    """The ``limit`` busiest undirected pairs of participant codes."""
    with store.connect(read_only=True) as con:
        rows = con.execute(_NETWORK_SQL, [status, since, since, until, until, limit]).fetchall()
    return [Edge(str(s), str(t), int(n), int(c), int(k)) for s, t, n, c, k in rows]


def code_names(store: Store, codes: list[str]) -> dict[str, str | None]:
    """The most common name written for each code."""
    if not codes:
        return {}
    with store.connect(read_only=True) as con:
        rows = con.execute(_NAMES_SQL, [codes]).fetchall()
    return {str(c): (str(n) if n is not None else None) for c, n in rows}
