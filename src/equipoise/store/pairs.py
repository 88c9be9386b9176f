"""The maintained pair table (migration 3): one row per (event, pair of participant codes).

``dyad``, ``balance``, ``profile`` and ``sequences`` read pairs of codes. Deriving them
from ``participants`` at query time groups every participant of every candidate
event, which took seconds on 10 million events; ``event_pairs`` holds them ready,
keyed by ``pair_key`` (the two codes sorted, ``A|B``) so one dyad's rows are a filter
on one column, and the table is kept sorted by that key whenever it is rebuilt.

Rows carry the event's cluster (``event_id``, ``date``, ``date_precision``) as well as
the event itself (``mention_id``, ``mention_date``). ``write_batch`` adds and removes
rows with their events; ``replace_clusters`` re-points rows whose cluster changed. ``pair_state``
records the row counts of the source tables after each maintained write: a store
changed behind equipoise's back (hand-written SQL) no longer matches them, and
readers then fall back to deriving pairs at query time until ``rebuild_pairs``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import duckdb

from equipoise.store.event_codes import rebuild_codes

__all__ = [
    "PAIR_COLUMNS",
    "PAIR_CTES",
    "delete_pairs",
    "ensure_pairs",
    "insert_pairs",
    "mark_pairs_current",
    "pair_key",
    "pairs_current",
    "rebuild_pairs",
    "repoint_pairs",
]

PAIR_COLUMNS: tuple[str, ...] = (
    "mention_id", "event_id", "article_id", "event_type", "mode", "status", "date",
    "mention_date", "quad", "intensity", "place", "location_country", "evidence_text",
    "contexts", "src", "dst", "pair_key", "joint", "src_titles", "dst_titles",
    "src_country", "dst_country", "date_precision",
)  # fmt: skip

# An event with recipients gives actor -> recipient pairs; one without gives a joint
# row per pair of distinct actors (src < dst). Codes are grouped per (event, role,
# code) first, so a code named twice in one role gives one pair. ``{events}`` is a query
# of the event ids to derive; the analyses derive pairs with these CTEs when the table
# is not current.
PAIR_CTES = """
p AS (
    SELECT event_id, role, code,
           list(DISTINCT title) FILTER (WHERE title IS NOT NULL) AS titles,
           bool_or(country IS NOT NULL) AS is_country
    FROM participants
    WHERE code IS NOT NULL AND event_id IN ({events})
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
"""
_PAIR_ROWS_SQL = """
WITH target AS ({target}),
{ctes}clustered AS (
    SELECT m.event_id, m.cluster_id, c.date, c.date_precision
    FROM event_cluster_members m JOIN event_clusters c ON c.cluster_id = m.cluster_id
    WHERE m.event_id IN (SELECT event_id FROM pairs)
)
SELECT e.id, coalesce(m.cluster_id, e.id), e.article_id, e.event_type, e.mode, e.status,
       coalesce(m.date, e.date), e.date, e.quad, e.intensity, e.place, e.location_country,
       e.evidence_text, e.contexts, pairs.src, pairs.dst,
       least(pairs.src, pairs.dst) || '|' || greatest(pairs.src, pairs.dst), pairs.joint,
       pairs.src_titles, pairs.dst_titles, pairs.src_country, pairs.dst_country,
       coalesce(m.date_precision, e.date_precision)
FROM pairs JOIN events e ON e.id = pairs.event_id
LEFT JOIN clustered m ON m.event_id = e.id
""".replace("{ctes}", PAIR_CTES.format(events="SELECT id FROM target"))
_COUNTS_SQL = """SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM participants),
    (SELECT count(*) FROM event_cluster_members), (SELECT count(*) FROM event_clusters)"""
_COLUMNS_SQL = ", ".join(PAIR_COLUMNS)


def pair_key(a: str, b: str) -> str:
    """The key of the unordered pair {a, b} in ``event_pairs``."""
    return f"{min(a, b)}|{max(a, b)}"


def insert_pairs(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> None:
    """Add the pair rows of stored events (their old rows must be gone)."""
    if not event_ids:
        return
    sql = _PAIR_ROWS_SQL.format(target="SELECT unnest(?::VARCHAR[]) AS id")
    con.execute(f"INSERT INTO event_pairs ({_COLUMNS_SQL}) {sql}", [list(event_ids)])


def delete_pairs(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                 event_ids: Sequence[str]) -> None:
    """Drop the rows of the events of ``article_ids`` and of ``event_ids``."""
    con.execute(
        "DELETE FROM event_pairs WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "OR mention_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids), list(event_ids)],
    )


def repoint_pairs(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> None:
    """Give the rows of ``event_ids`` their current cluster, its date and precision."""
    if not event_ids:
        return
    con.execute(
        """UPDATE event_pairs SET event_id = x.cluster_id,
               date = coalesce(x.date, event_pairs.mention_date),
               date_precision = x.precision
           FROM (SELECT t.id, coalesce(m.cluster_id, t.id) AS cluster_id, c.date,
                        coalesce(c.date_precision, e.date_precision) AS precision
                 FROM (SELECT unnest(?::VARCHAR[]) AS id) t
                 LEFT JOIN events e ON e.id = t.id
                 LEFT JOIN event_cluster_members m ON m.event_id = t.id
                 LEFT JOIN event_clusters c ON c.cluster_id = m.cluster_id) x
           WHERE event_pairs.mention_id = x.id""",
        [list(event_ids)],
    )


def mark_pairs_current(con: duckdb.DuckDBPyConnection) -> None:
    """Record that ``event_pairs`` matches the source tables as they are now."""
    counts = con.execute(_COUNTS_SQL).fetchone()
    con.execute("DELETE FROM pair_state")
    con.execute("INSERT INTO pair_state VALUES (?, ?, ?, ?)", list(counts or (0, 0, 0, 0)))


def pairs_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``event_pairs`` can be trusted (no hand-made change since the last write)."""
    try:
        state = con.execute(
            "SELECT events, participants, members, clusters FROM pair_state"
        ).fetchone()
    except duckdb.CatalogException:
        return False
    return state is not None and tuple(state) == con.execute(_COUNTS_SQL).fetchone()


def rebuild_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``event_pairs`` (sorted by pair and date) and ``event_codes`` from scratch,
    in one transaction."""
    con.begin()
    try:
        con.execute("DELETE FROM event_pairs")
        sql = _PAIR_ROWS_SQL.format(target="SELECT id FROM events")
        con.execute(f"INSERT INTO event_pairs ({_COLUMNS_SQL}) "
                    f"SELECT * FROM ({sql}) ORDER BY 17, 7")
        rebuild_codes(con)
        mark_pairs_current(con)
        con.commit()
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # keep the first error
            con.rollback()
        raise


def ensure_pairs(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild ``event_pairs`` when it is not current; True when it had to."""
    if pairs_current(con):
        return False
    rebuild_pairs(con)
    return True
