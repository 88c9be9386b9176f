"""Calendar periods for time series: labels and the gap-free range between two dates."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

from equipoise.analyse.errors import AnalysisError
from equipoise.models import PERIODS

BY_CHOICES: tuple[str, ...] = PERIODS

By = Literal["day", "week", "month", "quarter", "year"]
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


@dataclass(frozen=True, slots=True)
class Period:
    """One calendar period: a label (``2026-01``, ``2026-W03``...) and its first/last day."""

    label: str
    start: date
    end: date


def _freq(by: str) -> str:
    try:
        return _FREQ[by]
    except KeyError:
        raise AnalysisError(f"unknown period {by!r}; use one of {', '.join(BY_CHOICES)}") from None


def _label(p: pd.Period, by: str) -> str:
    start = p.start_time.date()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "day":
        return str(start.isoformat())
    if by == "month":
        return f"{start:%Y-%m}"
    if by == "year":
        return f"{start:%Y}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def _make(p: pd.Period, by: str) -> Period:
    return Period(_label(p, by), p.start_time.date(), p.end_time.date())


@functools.lru_cache(maxsize=65536)
def period_of(day: date, by: str) -> Period:
    """The period containing ``day``."""
    return _make(pd.Period(day, freq=_freq(by)), by)


def period_range(days: Iterable[date], by: str) -> list[Period]:
    """Every period from the one of the earliest day to the one of the latest, no gaps."""
    known = [d for d in days if d is not None and not pd.isna(d)]
    if not known:
        return []
    freq = _freq(by)
    span = pd.period_range(pd.Period(min(known), freq=freq), pd.Period(max(known), freq=freq))
    return [_make(p, by) for p in span]


def _week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# Same labels as ``period_of(day, by).label``, without building a pandas Period.
_LABELLERS: dict[str, Callable[[date], str]] = {
    "day": date.isoformat,
    "week": _week_label,
    "month": lambda day: f"{day:%Y-%m}",
    "quarter": lambda day: f"{day.year}-Q{(day.month - 1) // 3 + 1}",
    "year": lambda day: f"{day:%Y}",
}


def label_of(day: date, by: str) -> str:
    """The label of the period containing ``day``."""
    _freq(by)
    return _LABELLERS[by](day)


def labels_of(days: Iterable[date], by: str) -> list[str]:
    """The period label of each day (vectorised helper for frames)."""
    _freq(by)
    labeller = _LABELLERS[by]
    labels: dict[date, str] = {}
    out = []
    for day in days:
        if day not in labels:
            labels[day] = labeller(day)
        out.append(labels[day])
    return out
