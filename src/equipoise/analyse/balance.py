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


def _side_weights(rows: pd.DataFrame, between: tuple[str, str]) -> tuple[float, float]:
    sums = rows.groupby("power")["weight"].sum()
    return float(sums.get(between[0], 0.0)), float(sums.get(between[1], 0.0))


def _article_weights(rows: pd.DataFrame, between: tuple[str, str]) -> tuple[np.ndarray, ...]:
    table = rows.pivot_table(
        index="article_id", columns="power", values="weight", aggfunc="sum", fill_value=0.0
    )
    table = table.reindex(columns=list(between), fill_value=0.0)
    return table[between[0]].to_numpy(float), table[between[1]].to_numpy(float)


def _period_result(
    period: Period, window_rows: pd.DataFrame, between: tuple[str, str], t: int,
    options: BalanceOptions, rules: VerdictRules,
) -> BalancePeriod:  # fmt: skip
    counted_status = COUNTED + ANNOUNCED if options.include_future else COUNTED
    counted = window_rows[window_rows["status"].isin(counted_status)]
    coop = counted[counted["quad"].isin(COOPERATIVE)]
    conflict = counted[counted["quad"].isin(CONFLICTUAL)]
    announced = window_rows[
        window_rows["status"].isin(ANNOUNCED) & window_rows["quad"].isin(COOPERATIVE)
    ]
    w1, w2 = _side_weights(coop, between)
    c1, c2 = _side_weights(conflict, between)
    a1, a2 = _side_weights(announced, between) if not options.include_future else (0.0, 0.0)
    index = share_index(w1, w2)
    rng = np.random.default_rng([options.seed, t])
    art1, art2 = _article_weights(coop, between)
    low, high = bootstrap_band(
        art1, art2, n_boot=options.n_boot, rng=rng, percentiles=(rules.band_low, rules.band_high)
    )
    events = int(coop["event_id"].nunique())
    return BalancePeriod(
        period=period.label, start=period.start, end=period.end, index=index,
        low=low, high=high, events=events, articles=int(coop["article_id"].nunique()),
        verdict=verdict(index, low, high, events, between=between,
                        min_events=options.min_events, rules=rules),
        weight_p1=w1, weight_p2=w2, conflict_index=share_index(c1, c2),
        conflict_events=int(conflict["event_id"].nunique()), conflict_p1=c1, conflict_p2=c2,
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
    at = rows["period"].map(position)
    return [
        _period_result(p, rows[(at > t - window) & (at <= t)], between, t, options, weights.verdict)
        for t, p in enumerate(periods)
    ]
