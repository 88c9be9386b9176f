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

import functools
from collections.abc import Sequence
from datetime import date

import duckdb
import pandas as pd

from equipoise.analyse.weights import Weights
from equipoise.errors import StoreError
from equipoise.store.pairs import PAIR_CTES, pair_key, pairs_current

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
{ctes}clustered AS (
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
""".replace("{ctes}", PAIR_CTES.format(events="SELECT event_id FROM cand"))


# Past this many codes the list of pair keys gets long; filter on both ends instead.
_MAX_KEYED_CODES = 12
_TABLE_SQL = """
SELECT event_id, mention_id, article_id, event_type, mode, status, date, quad, intensity,
       place, location_country, evidence_text, contexts, src, dst, joint, src_titles,
       dst_titles, src_country, dst_country
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
           codes: list[str] | None, since: date | None, until: date | None) -> pd.DataFrame:
    if pairs_current(con):
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
    try:
        frame = _query(con, statuses, involving, code_list, since, until)
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
    # Rows repeat a few combinations of titles, types and modes: compute each once.
    ranks: dict[tuple[tuple[str, ...], ...], str] = {}
    rank_col = []
    for s, d in zip(out["src_titles"].tolist(), out["dst_titles"].tolist(), strict=True):
        key = (tuple(_titles(s)), tuple(_titles(d)))
        if key not in ranks:
            ranks[key] = weights.rank_table.best_rank([*key[0], *key[1]])
        rank_col.append(ranks[key])
    types = out["event_type"].tolist()
    quads = [None if pd.isna(q) else int(q) for q in out["quad"].tolist()]
    modes = [m if isinstance(m, str) else None for m in out["mode"].tolist()]
    quad_of = functools.cache(weights.quad_of)
    weight_of = functools.cache(weights.event_weight)
    out["rank"] = rank_col
    out["quad"] = [quad_of(t, q) for t, q in zip(types, quads, strict=True)]
    out["weight"] = [weight_of(t, m, r) for t, m, r in zip(types, modes, rank_col, strict=True)]
    return out


def other_side(frame: pd.DataFrame, focal: str) -> pd.Series:
    """For rows involving ``focal``, the code at the other end."""
    return frame["dst"].where(frame["src"] == focal, frame["src"])
