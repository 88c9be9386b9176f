"""Cross-article event merging: the same event reported by several articles.

Events share a cluster when they have the same type, status and dyad (unordered for
CONSULT, AGREE and COOPERATE, ordered otherwise) and their dates lie within a
tolerance of the cluster's first date: 1 day when both are day-precise, 7 when
either is week-precise. Month- and year-precise and undated events stay alone:
"in March" is too coarse to say two reports are one meeting.

Clustering one merge key looks at every stored event with that key, so the result
does not depend on the order articles arrived in, or on how many workers coded them.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import duckdb

from equipoise.errors import ConfigError
from equipoise.store.clusters import MemberRow, key_rows, member_rows, replace_clusters, stale_keys
from equipoise.store.db import Store
from equipoise.store.pairs import rebuild_pairs

__all__ = [
    "MergeOptions",
    "MergeSummary",
    "assign_clusters",
    "merge_all",
    "recluster",
    "update_clusters",
]

UNORDERED_TYPES: tuple[str, ...] = ("CONSULT", "AGREE", "COOPERATE")


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Date tolerance in days per precision; a precision not listed is never merged."""

    day: int = 1
    week: int = 7
    unordered_types: tuple[str, ...] = UNORDERED_TYPES

    def __post_init__(self) -> None:
        if self.day < 0 or self.week < 0:
            raise ConfigError(f"merge tolerances must be >= 0 days, got {self.day}/{self.week}")

    def tolerance(self, precision: str | None) -> int | None:
        return {"day": self.day, "week": self.week}.get(precision or "")


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What one merge pass did."""

    keys: int
    events: int
    clusters: int


@dataclass(slots=True)
class _Open:
    anchor: MemberRow
    members: list[str] = field(default_factory=list)


def _joins(row: MemberRow, current: _Open | None, options: MergeOptions) -> bool:
    if current is None or row.date is None or current.anchor.date is None:
        return False
    mine, theirs = options.tolerance(row.precision), options.tolerance(current.anchor.precision)
    if mine is None or theirs is None:
        return False
    return (row.date - current.anchor.date).days <= max(mine, theirs)


def _sort_key(row: MemberRow) -> tuple[bool, date, str]:
    return row.date is None, row.date or date.min, row.event_id


def _cluster_key(rows: Iterable[MemberRow], options: MergeOptions) -> list[tuple[str, str]]:
    """(event, cluster) pairs for the rows of one merge key."""
    out: list[tuple[str, str]] = []
    current: _Open | None = None
    for row in sorted(rows, key=_sort_key):
        if _joins(row, current, options):
            assert current is not None
            out.append((row.event_id, current.anchor.event_id))
        elif options.tolerance(row.precision) is None or row.date is None:
            out.append((row.event_id, row.event_id))
        else:
            current = _Open(row)
            out.append((row.event_id, row.event_id))
    return out


def assign_clusters(rows: Iterable[MemberRow], options: MergeOptions | None = None
                    ) -> list[tuple[str, str, str]]:
    """(event, cluster, key) for every row; a cluster is named by its first event."""
    options = options or MergeOptions()
    by_key: dict[str, list[MemberRow]] = defaultdict(list)
    for row in rows:
        by_key[row.merge_key].append(row)
    return [(event, cluster, key) for key in sorted(by_key)
            for event, cluster in _cluster_key(by_key[key], options)]


def update_clusters(store: Store, event_ids: Sequence[str] | None = None, *,
                    options: MergeOptions | None = None) -> MergeSummary:
    """Recompute the clusters ``event_ids`` fall in, in one transaction.

    None: every event not yet clustered and every cluster that lost an event.
    """
    with store.connect() as con:
        con.begin()
        try:
            summary = recluster(con, event_ids, options=options)
            con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # keep the first error
                con.rollback()
            raise
    return summary


def recluster(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str] | None = None, *,
              options: MergeOptions | None = None) -> MergeSummary:
    """``update_clusters`` inside the caller's transaction."""
    options = options or MergeOptions()
    fresh = key_rows(con, event_ids, options.unordered_types)
    keys = sorted({r.merge_key for r in fresh}
                  | (set(stale_keys(con)) if event_ids is None else set()))
    fresh_ids = [r.event_id for r in fresh]
    rows = fresh + member_rows(con, keys, fresh_ids)
    assigned = assign_clusters(rows, options)
    replace_clusters(con, keys, assigned, fresh_ids)
    return MergeSummary(keys=len(keys), events=len(rows),
                        clusters=len({c for _, c, _ in assigned}))


def merge_all(store: Store, *, options: MergeOptions | None = None) -> MergeSummary:
    """Rebuild every cluster from scratch (after changing the tolerances), then the pairs."""
    with store.connect() as con:
        con.execute("DELETE FROM event_cluster_members")
        con.execute("DELETE FROM event_clusters")
    summary = update_clusters(store, None, options=options)
    with store.connect() as con:
        rebuild_pairs(con)
    return summary
