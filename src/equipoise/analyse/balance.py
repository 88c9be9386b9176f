"""The balance index: how a focal country's cooperative engagement splits between two powers.

For each period, ``index = (w1 - w2) / (w1 + w2)`` where ``w1``/``w2`` are the summed
weights of cooperative events (quads 1-2) between the focal country and the first/second
power, in either direction. +1: all toward the first power, -1: all toward the second,
0: equal. The band resamples articles with replacement. See docs/analysis.md.
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
from equipoise.analyse.periods import Period, labels_of, period_range
from equipoise.analyse.weights import VerdictRules, Weights, load_weights

TOO_LITTLE = "too little evidence"
BALANCED = "balanced"
COOPERATIVE = (1, 2)
CONFLICTUAL = (3, 4)


@dataclass(frozen=True, slots=True)
class BalancePeriod:
    """The balance of one period (or rolling window ending with it)."""

    period: str
    start: date
    end: date
    index: float
    low: float
    high: float
    events: int
    articles: int
    verdict: str
    weight_p1: float
    weight_p2: float
    conflict_index: float
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
    n_boot: int = 500
    seed: int = 0
    min_events: int = 2
    include_future: bool = False


def share_index(w1: float, w2: float) -> float:
    """(w1 - w2) / (w1 + w2), and 0 when there is nothing on either side."""
    total = w1 + w2
    return 0.0 if total <= 0 else (w1 - w2) / total


def bootstrap_band(
    w1: np.ndarray, w2: np.ndarray, *, n_boot: int, rng: np.random.Generator,
    percentiles: tuple[float, float],
) -> tuple[float, float]:  # fmt: skip
    """Percentile band of the index when articles (rows of w1/w2) are resampled."""
    n = len(w1)
    if n == 0:
        return -1.0, 1.0
    if n_boot <= 0:
        value = share_index(float(w1.sum()), float(w2.sum()))
        return value, value
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)
    s1, s2 = counts @ w1, counts @ w2
    total = s1 + s2
    draws = np.divide(s1 - s2, total, out=np.zeros_like(total, dtype=float), where=total > 0)
    low, high = np.percentile(draws, percentiles)
    return float(low), float(high)


def verdict(
    index: float, low: float, high: float, events: int, *, between: tuple[str, str],
    min_events: int, rules: VerdictRules,
) -> str:  # fmt: skip
    """Read the index: too little evidence, balanced, or tilted toward a power."""
    if events < min_events or events == 0:
        return TOO_LITTLE
    if low <= -rules.undecided_reach and high >= rules.undecided_reach:
        return TOO_LITTLE
    if abs(index) <= rules.balanced_max_abs:
        return BALANCED
    if rules.band_zero_is_balanced and low <= 0.0 <= high:
        return BALANCED
    return f"tilted toward {between[0] if index > 0 else between[1]}"


@dataclass(frozen=True, slots=True)
class _Columns:
    """Balance rows as arrays, sorted by period position, for per-window slices."""

    at: np.ndarray          # period position of each row
    side: np.ndarray        # 0: first power, 1: second
    weight: np.ndarray
    coop: np.ndarray        # counted and cooperative
    conflict: np.ndarray    # counted and conflictual
    announced: np.ndarray   # announced and cooperative
    article: np.ndarray     # article codes, in sorted article id order
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


def _article_weights(cols: _Columns, span: slice, mask: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per-article weight toward each power, articles in id order (the bootstrap's units)."""
    _, inverse = np.unique(cols.article[span][mask], return_inverse=True)
    weight, side = cols.weight[span][mask], cols.side[span][mask]
    size = int(inverse.max()) + 1 if len(inverse) else 0
    return (np.bincount(inverse, weights=np.where(side, 0.0, weight), minlength=size),
            np.bincount(inverse, weights=np.where(side, weight, 0.0), minlength=size))


def _distinct(codes: np.ndarray) -> int:
    return len(np.unique(codes))


def _period_result(
    period: Period, cols: _Columns, span: slice, between: tuple[str, str], t: int,
    options: BalanceOptions, rules: VerdictRules,
) -> BalancePeriod:  # fmt: skip
    coop, conflict = cols.coop[span], cols.conflict[span]
    w1, w2 = _side_sums(cols, span, coop)
    c1, c2 = _side_sums(cols, span, conflict)
    announced = cols.announced[span]
    a1, a2 = _side_sums(cols, span, announced) if not options.include_future else (0.0, 0.0)
    index = share_index(w1, w2)
    rng = np.random.default_rng([options.seed, t])
    art1, art2 = _article_weights(cols, span, coop)
    low, high = bootstrap_band(
        art1, art2, n_boot=options.n_boot, rng=rng, percentiles=(rules.band_low, rules.band_high)
    )
    events = _distinct(cols.event[span][coop])
    return BalancePeriod(
        period=period.label, start=period.start, end=period.end, index=index,
        low=low, high=high, events=events, articles=_distinct(cols.article[span][coop]),
        verdict=verdict(index, low, high, events, between=between,
                        min_events=options.min_events, rules=rules),
        weight_p1=w1, weight_p2=w2, conflict_index=share_index(c1, c2),
        conflict_events=_distinct(cols.event[span][conflict]), conflict_p1=c1, conflict_p2=c2,
        announced_p1=a1, announced_p2=a2,
    )  # fmt: skip


def _check(focal: str, between: tuple[str, str], options: BalanceOptions) -> None:
    if len(between) != 2 or between[0] == between[1]:
        raise AnalysisError(f"--between needs two different powers, got {between!r}")
    if focal in between:
        raise AnalysisError(f"the focal country {focal} cannot also be one of the powers")
    if options.window < 1 or options.n_boot < 0 or options.min_events < 0:
        raise AnalysisError("window must be >= 1, n_boot and min_events >= 0")


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
    rows = rows[rows["date"].notna()]
    rows = add_weights(rows, weights)
    rows["power"] = other_side(rows, focal)
    rows = rows[rows["power"].isin(between)].drop_duplicates(["event_id", "power"])
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
    n_boot: int = 500,
    seed: int = 0,
    min_events: int = 2,
    include_future: bool = False,
    weights: Weights | None = None,
) -> list[BalancePeriod]:
    """The balance index per period from the first to the last counted event.

    Sign: positive leans toward ``between[0]``, negative toward ``between[1]``.
    ``window`` > 1 pools each period with the ``window - 1`` before it.
    """
    options = BalanceOptions(by, window, n_boot, seed, min_events, include_future)
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
                       t, options, weights.verdict)
        for t, p in enumerate(periods)
    ]
