"""Paging events: from the pair table when the filter allows, else ids first, then records.

Both avoid carrying each matching event's JSON record through the filter and the
sort: the page's ids are found from narrow columns and its records fetched by id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from equipoise.store.query import EventFilter

__all__ = ["page_records", "paged_from_pairs", "pair_where"]


# Event columns the pair table repeats, for the page-from-pairs path.
_PAIR_COLUMNS: dict[str, str] = {
    "date": "mention_date", "id": "mention_id", "article_id": "article_id",
    "event_type": "event_type", "status": "status", "intensity": "intensity", "quad": "quad",
}  # fmt: skip


def pair_where(flt: EventFilter) -> tuple[str, list[Any]] | None:
    """The filter as a condition on ``event_pairs``, when it can be one.

    With both an actor and a (different) recipient, an event matches exactly when it
    has the actor -> recipient pair; the pair table then finds it without scanning
    participants. Other filters need every event, paired or not.
    """
    if flt.actor is None or flt.recipient is None or flt.actor.upper() == flt.recipient.upper():
        return None
    if flt.min_confidence is not None or flt.precision is not None:
        return None  # the pair table has neither column
    if flt.sector is not None or flt.scope is not None:
        return None  # the pair table holds no sectors
    if flt.order.removeprefix("-") not in _PAIR_COLUMNS:
        return None
    conditions: list[tuple[str, Any]] = [
        ("upper(src) = upper(?)", flt.actor), ("upper(dst) = upper(?)", flt.recipient),
        ("event_type = upper(?)", flt.event_type), ("mention_date >= ?", flt.since),
        ("mention_date <= ?", flt.until), ("status = ?", flt.status),
        ("article_id = ?", flt.article_id),
    ]  # fmt: skip
    used = [(sql, value) for sql, value in conditions if value is not None]
    return " AND ".join(["NOT joint", *(sql for sql, _ in used)]), [v for _, v in used]


def paged_from_pairs(where: str, params: list[Any], flt: EventFilter
                      ) -> tuple[str, list[Any]]:
    column = _PAIR_COLUMNS[flt.order.removeprefix("-")]
    direction = "DESC" if flt.order.startswith("-") else "ASC"
    page, page_params = "", []
    if flt.limit is not None:
        page, page_params = " LIMIT ?", [flt.limit]
    if flt.offset:
        page += " OFFSET ?"
        page_params.append(flt.offset)
    sql = (f"WITH c AS (SELECT mention_id AS id, {column} AS k FROM event_pairs WHERE {where} "
           f"ORDER BY k {direction} NULLS LAST, id ASC{page}) SELECT e.record FROM c "
           f"JOIN events e ON e.id = c.id ORDER BY c.k {direction} NULLS LAST, c.id ASC")
    return sql, params + page_params


def page_records(con: duckdb.DuckDBPyConnection, where: str, params: list[Any], order: str,
                 order_params: list[Any], *, paged: bool) -> list[tuple[Any, ...]]:
    """A page's records: the page's ids first, then their records by id.

    Filtering and sorting only ids and the sort key, and fetching the page's JSON
    records through the primary key, is three times faster on a million events than
    carrying every matching record through the sort.
    """
    if not paged:
        sql = f"SELECT e.record FROM events e WHERE {where} {order}"
        return con.execute(sql, params + order_params).fetchall()
    ids = [r[0] for r in con.execute(f"SELECT e.id FROM events e WHERE {where} {order}",
                                     params + order_params).fetchall()]
    if not ids:
        return []
    found = dict(con.execute("SELECT e.id, e.record FROM events e "
                             "JOIN unnest(?::VARCHAR[]) AS page(id) ON e.id = page.id",
                             [ids]).fetchall())
    return [(found[i],) for i in ids if i in found]
