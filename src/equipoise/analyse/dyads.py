"""Time series of one dyad: counts by PLOVER type and quad, net cooperation, articles."""

from __future__ import annotations

from datetime import date
from typing import Any

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


_KEYS = ["period", "direction"]


def _by_direction(rows: pd.DataFrame) -> pd.DataFrame:
    """Each row under its own direction and again under ``combined``, so that one
    group-by answers every direction (one per direction cost four times the pandas
    overhead, most of a series' time on a busy dyad)."""
    return pd.concat([rows, rows.assign(direction="combined")], ignore_index=True)


def _counts(events: pd.DataFrame, column: str, values: list[Any]) -> pd.DataFrame:
    """Events per (period, direction) and value of ``column``, one column per value."""
    # a group-by count, not pd.crosstab: crosstab counts each cell in Python
    table = events.groupby([*_KEYS, column]).size().unstack(fill_value=0)
    return table.reindex(columns=values, fill_value=0)


def _aggregate(rows: pd.DataFrame, announced: pd.DataFrame) -> pd.DataFrame:
    """Per (period, direction): distinct events and articles, intensity sum, quad and
    type counts, and announced (future) events."""
    # articles are counted before the one-row-per-event cut: a cluster has several
    articles = rows.groupby(_KEYS)["article_id"].nunique()
    events = rows.drop_duplicates(["event_id", *_KEYS])
    grouped = events.groupby(_KEYS)
    quads = _counts(events, "quad", [1, 2, 3, 4])
    quads.columns = list(QUAD_COLUMNS)
    future = announced.drop_duplicates(["event_id", *_KEYS]).groupby(_KEYS)["event_id"]
    return pd.concat([
        grouped["event_id"].nunique().rename("events"),
        articles.rename("articles"),
        grouped["intensity"].sum(min_count=1).rename("net_cooperation"),
        future.nunique().rename("announced"),
        quads,
        _counts(events, "event_type", list(EVENT_TYPES)),
    ], axis=1)  # fmt: skip


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
    fresh: bool | None = None,
) -> pd.DataFrame:
    """One row per (period, direction) between the first and last dated event of a-b.

    Counted events are ``occurred`` ones (plus ``future`` when ``include_future``);
    ``announced`` always counts the ``future`` events separately. Undated events are
    left out because they cannot be placed in a period. ``fresh``: whether the pair
    table is current, when the caller knows (``Store.pairs_fresh``); else it is checked.
    """
    rows = load_pairs(con, statuses=COUNTED + ANNOUNCED, codes=[a, b], since=since,
                      until=until, fresh=fresh)
    rows = rows[rows["date"].notna()]
    if rows.empty:
        return _empty_series()
    rows = add_weights(rows, weights or load_weights())
    rows["period"] = labels_of(rows["date"], by)
    rows["direction"] = _direction_of(rows, a, b)
    periods = period_range(rows["date"], by)
    labels = [p.label for p in periods]
    counted_status = COUNTED + ANNOUNCED if include_future else COUNTED
    counted = _by_direction(rows[rows["status"].isin(counted_status)])
    future = _by_direction(rows[rows["status"].isin(ANNOUNCED)])
    # every period in every direction, periods in order and directions in
    # ``directions`` order within each
    grid = pd.MultiIndex.from_product([labels, list(directions(a, b))], names=_KEYS)
    frame = _aggregate(counted, future).reindex(grid).reset_index()
    bounds = {p.label: (p.start, p.end) for p in periods}
    frame["start"] = [bounds[label][0] for label in frame["period"]]
    frame["end"] = [bounds[label][1] for label in frame["period"]]
    frame = frame.sort_values("period", kind="stable")
    return _finish(frame)
