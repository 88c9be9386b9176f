"""Dyadic rows read from the store: one row per (event, pair of participant codes).

An event with recipients yields actor -> recipient pairs; an event with no recipient and
several actors (a bilateral meeting, a joint pledge) yields one ``joint`` row per pair of
actors, stored with ``src < dst``. Rows carry the titles of each side so that ranks and
weights can be derived without another query.

Analyses count real-world events, not reports of them: ``event_id`` is the event's
cluster (named by its first event, see ``equipoise.scale.merge``) and ``date`` the
cluster's date, so several articles on one meeting count once, while ``article_id``
still names the article each row came from. ``mention_id`` is the event's own id.
An event not yet clustered stands for itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import duckdb
import pandas as pd

from equipoise.analyse.weights import Weights
from equipoise.errors import StoreError

COUNTED: tuple[str, ...] = ("occurred",)
ANNOUNCED: tuple[str, ...] = ("future",)

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
p AS (
    SELECT event_id, role, code,
           list(DISTINCT title) FILTER (WHERE title IS NOT NULL) AS titles,
           bool_or(country IS NOT NULL) AS is_country
    FROM participants
    WHERE code IS NOT NULL AND event_id IN (SELECT event_id FROM cand)
    GROUP BY event_id, role, code
),
with_recipient AS (SELECT DISTINCT event_id FROM p WHERE role = 'recipient'),
pairs AS (
    SELECT a.event_id, a.code AS src, r.code AS dst, false AS joint,
           a.titles AS src_titles, r.titles AS dst_titles,
           a.is_country AS src_country, r.is_country AS dst_country
    FROM p a JOIN p r ON a.event_id = r.event_id
    WHERE a.role = 'actor' AND r.role = 'recipient' AND a.code <> r.code
    UNION ALL
    SELECT a.event_id, a.code, b.code, true, a.titles, b.titles, a.is_country, b.is_country
    FROM p a JOIN p b ON a.event_id = b.event_id
    WHERE a.role = 'actor' AND b.role = 'actor' AND a.code < b.code
      AND a.event_id NOT IN (SELECT event_id FROM with_recipient)
),
clustered AS (
    SELECT m.event_id, m.cluster_id, c.date
    FROM event_cluster_members m JOIN event_clusters c ON c.cluster_id = m.cluster_id
    WHERE m.event_id IN (SELECT event_id FROM cand)
)
SELECT coalesce(m.cluster_id, e.id) AS event_id, e.id AS mention_id, e.article_id,
       e.event_type, e.mode, e.status, coalesce(m.date, e.date) AS date,
       e.quad, e.intensity, e.place, e.location_country, e.evidence_text,
       e.contexts, pairs.src, pairs.dst, pairs.joint, pairs.src_titles,
       pairs.dst_titles, pairs.src_country, pairs.dst_country
FROM pairs JOIN events e ON e.id = pairs.event_id
LEFT JOIN clustered m ON m.event_id = e.id
WHERE list_contains(?::VARCHAR[], e.status)
  AND (?::VARCHAR IS NULL OR pairs.src = ? OR pairs.dst = ?)
  AND (?::VARCHAR[] IS NULL
       OR (list_contains(?::VARCHAR[], pairs.src) AND list_contains(?::VARCHAR[], pairs.dst)))
  AND (?::DATE IS NULL OR coalesce(m.date, e.date) >= ?::DATE)
  AND (?::DATE IS NULL OR coalesce(m.date, e.date) <= ?::DATE)
ORDER BY 7, 1, 2, pairs.src, pairs.dst
"""


def load_pairs(
    con: duckdb.DuckDBPyConnection,
    *,
    statuses: Sequence[str] = COUNTED,
    involving: str | None = None,
    codes: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """Pair rows touching ``involving`` with both ends in ``codes`` (None: no filter)."""
    code_list = list(codes) if codes is not None else None
    params = [
        code_list, code_list, involving, involving,
        list(statuses), involving, involving, involving, code_list, code_list, code_list,
        since, since, until, until,
    ]  # fmt: skip
    try:
        frame = con.execute(_PAIRS_SQL, params).df()
    except duckdb.Error as exc:
        raise StoreError(f"cannot read events from the store ({exc}); is it migrated?") from exc
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def _titles(value: object) -> list[str]:
    # duckdb gives a list, a numpy array, None or pandas NA for an empty list
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    return [str(t) for t in value if isinstance(t, str)]


def add_weights(frame: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Add ``rank`` (best of the pair), ``quad`` (filled from the type) and ``weight``."""
    out = frame.copy()
    out["rank"] = [
        weights.rank_table.best_rank([*_titles(s), *_titles(d)])
        for s, d in zip(out["src_titles"], out["dst_titles"], strict=True)
    ]
    out["quad"] = [
        weights.quad_of(t, None if pd.isna(q) else int(q))
        for t, q in zip(out["event_type"], out["quad"], strict=True)
    ]
    out["weight"] = [
        weights.event_weight(t, m if isinstance(m, str) else None, r)
        for t, m, r in zip(out["event_type"], out["mode"], out["rank"], strict=True)
    ]
    return out


def other_side(frame: pd.DataFrame, focal: str) -> pd.Series:
    """For rows involving ``focal``, the code at the other end."""
    return frame["dst"].where(frame["src"] == focal, frame["src"])
