"""Time series of one dyad: counts by PLOVER type and quad, net cooperation, articles."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from equipoise.analyse._pairs import ANNOUNCED, COUNTED, add_weights, load_pairs
from equipoise.analyse.periods import labels_of, period_range
from equipoise.analyse.weights import Weights, load_weights
from equipoise.models import EVENT_TYPES

QUAD_COLUMNS: tuple[str, ...] = ("quad1", "quad2", "quad3", "quad4")
SERIES_COLUMNS: tuple[str, ...] = (
    "period", "start", "end", "direction", "events", "articles", "net_cooperation",
    "announced", *QUAD_COLUMNS, *EVENT_TYPES,
)  # fmt: skip


def directions(a: str, b: str) -> tuple[str, str, str, str]:
    """Direction labels: a acting on b, b on a, joint (no recipient), and all together."""
    return f"{a}->{b}", f"{b}->{a}", f"{a}+{b}", "combined"


def _direction_of(frame: pd.DataFrame, a: str, b: str) -> pd.Series:
    ab, ba, joint, _ = directions(a, b)
    direct = frame["src"].map({a: ab, b: ba})
    return direct.where(~frame["joint"].astype(bool), joint)


def _aggregate(rows: pd.DataFrame) -> pd.DataFrame:
    """Per period: distinct events and articles, quad and type counts, intensity sum."""
    # articles are counted before the one-row-per-event cut: a cluster has several
    articles = rows.groupby("period")["article_id"].nunique()
    events = rows.drop_duplicates(["event_id", "period"])
    grouped = events.groupby("period")
    out = pd.DataFrame({
        "events": grouped["event_id"].nunique(),
        "articles": articles,
        "net_cooperation": grouped["intensity"].sum(min_count=1).fillna(0.0),
    })  # fmt: skip
    # a group-by count, not pd.crosstab: crosstab counts each cell in Python (half the
    # series' time on a busy dyad of 10 million events)
    quads = events.groupby(["period", "quad"]).size().unstack(fill_value=0)
    for q, column in enumerate(QUAD_COLUMNS, start=1):
        out[column] = quads[q] if q in quads.columns else 0
    types = events.groupby(["period", "event_type"]).size().unstack(fill_value=0)
    for event_type in EVENT_TYPES:
        out[event_type] = types[event_type] if event_type in types.columns else 0
    return out


def _series_for(rows: pd.DataFrame, announced: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    counted = _aggregate(rows) if len(rows) else pd.DataFrame()
    out = counted.reindex(labels).fillna(0)
    future = announced.drop_duplicates(["event_id", "period"]).groupby("period")["event_id"]
    out["announced"] = future.nunique().reindex(labels).fillna(0)
    return out


def _select(rows: pd.DataFrame, direction: str) -> pd.DataFrame:
    return rows if direction == "combined" else rows[rows["direction"] == direction]


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in SERIES_COLUMNS})


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    int_columns = ["events", "articles", "announced", *QUAD_COLUMNS, *EVENT_TYPES]
    frame[int_columns] = frame[int_columns].fillna(0).astype("int64")
    frame["net_cooperation"] = frame["net_cooperation"].fillna(0.0).astype("float64")
    return frame[list(SERIES_COLUMNS)].reset_index(drop=True)


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: str = "month",
    since: date | None = None,
    until: date | None = None,
    include_future: bool = False,
    weights: Weights | None = None,
) -> pd.DataFrame:
    """One row per (period, direction) between the first and last dated event of a-b.

    Counted events are ``occurred`` ones (plus ``future`` when ``include_future``);
    ``announced`` always counts the ``future`` events separately. Undated events are
    left out because they cannot be placed in a period.
    """
    rows = load_pairs(con, statuses=COUNTED + ANNOUNCED, codes=[a, b], since=since, until=until)
    rows = rows[rows["date"].notna()]
    if rows.empty:
        return _empty_series()
    rows = add_weights(rows, weights or load_weights())
    rows["period"] = labels_of(rows["date"], by)
    rows["direction"] = _direction_of(rows, a, b)
    periods = period_range(rows["date"], by)
    labels = [p.label for p in periods]
    counted_status = COUNTED + ANNOUNCED if include_future else COUNTED
    counted = rows[rows["status"].isin(counted_status)]
    future = rows[rows["status"].isin(ANNOUNCED)]
    parts = []
    for direction in directions(a, b):
        part = _series_for(_select(counted, direction), _select(future, direction), labels)
        part = part.reset_index(drop=True)
        part["direction"] = direction
        part["period"] = labels
        part["start"] = [p.start for p in periods]
        part["end"] = [p.end for p in periods]
        parts.append(part)
    # parts are in direction order; a stable sort keeps it within each period
    frame = pd.concat(parts).sort_values("period", kind="stable")
    return _finish(frame)
