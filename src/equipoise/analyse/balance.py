"""The balance index: how a focal country's cooperative engagement splits between two powers.

For each period, ``index = (w1 - w2) / (w1 + w2)`` where ``w1``/``w2`` are the summed
weights of cooperative events (quads 1-2) between the focal country and the first/second
power, in either direction. +1: all toward the first power, -1: all toward the second,
0: equal, None: no evidence in the period (a gap, not a zero). The interval and the
verdict rest on independent stories (``equipoise.analyse.evidence``). See docs/analysis.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from equipoise.analyse._pairs import ANNOUNCED, COUNTED, add_weights, load_pairs, other_side
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.evidence import (
    BALANCED,
    TOO_LITTLE,
    group_weights,
    share_interval,
    story_groups,
    verdict,
)
from equipoise.analyse.periods import Period, labels_of, period_range
from equipoise.analyse.weights import VerdictRules, Weights, load_weights

__all__ = ["BALANCED", "TOO_LITTLE", "BalancePeriod", "balance", "share_index"]

COOPERATIVE = (1, 2)
CONFLICTUAL = (3, 4)
# How fine a date is; a date coarser than the period cannot be placed in one period.
_FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


@dataclass(frozen=True, slots=True)
class BalancePeriod:
    """The balance of one period (or rolling window ending with it); None marks a gap."""

    period: str
    start: date
    end: date
    index: float | None
    low: float | None
    high: float | None
    events: int
    stories: int
    stories_p1: int
    stories_p2: int
    articles: int
    verdict: str
    lean_p1: float | None
    weight_p1: float
    weight_p2: float
    conflict_index: float | None
    conflict_events: int
    conflict_p1: float
    conflict_p2: float
    announced_p1: float
    announced_p2: float

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class BalanceOptions:
    by: str = "month"
    window: int = 1
    min_stories: int | None = None
    include_future: bool = False


def share_index(w1: float, w2: float) -> float | None:
    """(w1 - w2) / (w1 + w2), and None when there is nothing on either side."""
    total = w1 + w2
    return None if total <= 0 else (w1 - w2) / total


@dataclass(frozen=True, slots=True)
class _Columns:
    """Balance rows as arrays, sorted by period position, for per-window slices."""

    at: np.ndarray          # period position of each row
    side: np.ndarray        # False: first power, True: second
    weight: np.ndarray
    coop: np.ndarray        # counted and cooperative
    conflict: np.ndarray    # counted and conflictual
    announced: np.ndarray   # announced and cooperative
    article: np.ndarray     # article codes
    event: np.ndarray       # event (cluster) codes


def _columns(rows: pd.DataFrame, position: dict[str, int], between: tuple[str, str],
             options: BalanceOptions) -> _Columns:
    at = rows["period"].map(position).to_numpy(dtype=np.int64)
    order = np.argsort(at, kind="stable")
    counted_status = COUNTED + ANNOUNCED if options.include_future else COUNTED
    counted = rows["status"].isin(counted_status).to_numpy()
    coop_quad = rows["quad"].isin(COOPERATIVE).to_numpy()
    article, _ = pd.factorize(rows["article_id"], sort=True)
    event, _ = pd.factorize(rows["event_id"])
    return _Columns(
        at=at[order], side=(rows["power"] != between[0]).to_numpy()[order],
        weight=rows["weight"].to_numpy(dtype=float)[order], coop=(counted & coop_quad)[order],
        conflict=(counted & rows["quad"].isin(CONFLICTUAL).to_numpy())[order],
        announced=(rows["status"].isin(ANNOUNCED).to_numpy() & coop_quad)[order],
        article=article[order], event=event[order],
    )  # fmt: skip


def _side_sums(cols: _Columns, span: slice, mask: np.ndarray) -> tuple[float, float]:
    weight, side = cols.weight[span][mask], cols.side[span][mask]
    return float(weight[~side].sum()), float(weight[side].sum())


def _distinct(codes: np.ndarray) -> int:
    return len(np.unique(codes))


def _period_result(
    period: Period, cols: _Columns, span: slice, between: tuple[str, str],
    options: BalanceOptions, rules: VerdictRules,
) -> BalancePeriod:  # fmt: skip
    coop, conflict = cols.coop[span], cols.conflict[span]
    w1, w2 = _side_sums(cols, span, coop)
    c1, c2 = _side_sums(cols, span, conflict)
    a1, a2 = (0.0, 0.0) if options.include_future else _side_sums(cols, span, cols.announced[span])
    index = share_index(w1, w2)
    groups = story_groups(cols.event[span][coop], cols.article[span][coop])
    found = share_interval(*group_weights(groups, cols.side[span][coop], cols.weight[span][coop]),
                           rules=rules)
    min_stories = rules.min_stories if options.min_stories is None else options.min_stories
    empty = index is None
    return BalancePeriod(
        period=period.label, start=period.start, end=period.end, index=index,
        low=None if empty else found.low, high=None if empty else found.high,
        events=_distinct(cols.event[span][coop]), stories=found.stories,
        stories_p1=found.stories_p1, stories_p2=found.stories_p2,
        articles=_distinct(cols.article[span][coop]),
        verdict=verdict(index, found, between=between, min_stories=min_stories, rules=rules),
        lean_p1=None if empty else found.lean_p1, weight_p1=w1, weight_p2=w2,
        conflict_index=share_index(c1, c2), conflict_events=_distinct(cols.event[span][conflict]),
        conflict_p1=c1, conflict_p2=c2, announced_p1=a1, announced_p2=a2,
    )  # fmt: skip


def _check(focal: str, between: tuple[str, str], options: BalanceOptions) -> None:
    if len(between) != 2 or between[0] == between[1]:
        raise AnalysisError(f"--between needs two different powers, got {between!r}")
    if focal in between:
        raise AnalysisError(f"the focal country {focal} cannot also be one of the powers")
    if options.window < 1 or (options.min_stories is not None and options.min_stories < 1):
        raise AnalysisError("window and min_stories must be >= 1")


def _placeable(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Drop rows dated more coarsely than the period: a year-only date has no month."""
    if rows.empty:
        return rows
    fineness = rows["date_precision"].map(_FINENESS).fillna(0)
    return rows[fineness <= _FINENESS[by]]


def balance_rows(
    con: duckdb.DuckDBPyConnection, focal: str, between: tuple[str, str], *,
    since: date | None, until: date | None, by: str, weights: Weights,
) -> pd.DataFrame:  # fmt: skip
    """Dated, weighted pair rows between the focal country and either power."""
    rows = load_pairs(
        con,
        statuses=COUNTED + ANNOUNCED,
        involving=focal,
        codes=[focal, *between],
        since=since,
        until=until,
    )
    rows = _placeable(rows[rows["date"].notna()], by)
    rows = add_weights(rows, weights)
    rows["power"] = other_side(rows, focal)
    rows = rows[rows["power"].isin(between)].drop_duplicates(["event_id", "power", "article_id"])
    # an event weighs once per power; its other articles only link stories together
    repeat = rows.duplicated(["event_id", "power"]).to_numpy()
    rows["weight"] = np.where(repeat, 0.0, rows["weight"].to_numpy(dtype=float))
    rows["period"] = labels_of(rows["date"], by)
    return rows


def balance(
    con: duckdb.DuckDBPyConnection,
    focal: str,
    between: tuple[str, str],
    *,
    by: str = "month",
    window: int = 1,
    since: date | None = None,
    until: date | None = None,
    min_stories: int | None = None,
    include_future: bool = False,
    weights: Weights | None = None,
) -> list[BalancePeriod]:
    """The balance index per period from the first to the last counted event.

    Sign: positive leans toward ``between[0]``, negative toward ``between[1]``.
    ``window`` > 1 pools each period with the ``window - 1`` before it. Events dated
    more coarsely than ``by`` (a year-only date in a month view) are left out.
    """
    options = BalanceOptions(by, window, min_stories, include_future)
    _check(focal, between, options)
    weights = weights or load_weights()
    rows = balance_rows(con, focal, between, since=since, until=until, by=by, weights=weights)
    counted_status = COUNTED + ANNOUNCED if include_future else COUNTED
    periods = period_range(rows.loc[rows["status"].isin(counted_status), "date"], by)
    position = {p.label: i for i, p in enumerate(periods)}
    rows = rows[rows["period"].isin(position)]
    cols = _columns(rows, position, between, options)
    bounds = np.searchsorted(cols.at, np.arange(len(periods) + 1))
    return [
        _period_result(p, cols, slice(bounds[max(0, t - window + 1)], bounds[t + 1]), between,
                       options, weights.verdict)
        for t, p in enumerate(periods)
    ]
