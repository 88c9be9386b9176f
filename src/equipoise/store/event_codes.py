"""The code table (migration 6): one row per (participant code, role, event).

A page of the events of one actor or one recipient used to test every event against
a participants sub-query (two million rows at one million events, a few hundred
milliseconds). ``event_codes`` holds each event's codes with the columns such a page
filters and sorts on, sorted by code, role and date when it is built, so DuckDB's
zone maps skip every row group of other codes and a date-sorted Top-N reads one or
two. It is kept with the pair table: ``write_rows`` adds and removes rows with their
events, ``rebuild_pairs`` rebuilds it, and ``pairs_current`` says whether both can be
trusted.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

__all__ = ["delete_codes", "insert_codes", "rebuild_codes"]

_ROWS_SQL = """
SELECT DISTINCT p.code, p.role, e.date, e.id, e.article_id, e.event_type, e.status
FROM participants p JOIN events e ON e.id = p.event_id
WHERE p.code IS NOT NULL AND {which}
"""
_COLUMNS = "code, role, date, event_id, article_id, event_type, status"


def insert_codes(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> None:
    """Add the code rows of stored events (their old rows must be gone), sorted as
    the table is, so that a batch's rows of one code lie together."""
    if not event_ids:
        return
    sql = _ROWS_SQL.format(which="e.id IN (SELECT unnest(?::VARCHAR[]))")
    con.execute(f"INSERT INTO event_codes ({_COLUMNS}) {sql} ORDER BY 1, 2, 3, 4",
                [list(event_ids)])


def delete_codes(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                 event_ids: Sequence[str]) -> None:
    """Drop the rows of the events of ``article_ids`` and of ``event_ids``."""
    con.execute(
        "DELETE FROM event_codes WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "OR event_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids), list(event_ids)],
    )


def rebuild_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``event_codes`` from scratch, sorted (inside the caller's transaction)."""
    con.execute("DELETE FROM event_codes")
    sql = _ROWS_SQL.format(which="TRUE")
    con.execute(f"INSERT INTO event_codes ({_COLUMNS}) {sql} ORDER BY 1, 2, 3, 4")
