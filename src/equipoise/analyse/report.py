"""The demo report: what is in a store, and a reading of one country's balance."""

from __future__ import annotations

from dataclasses import dataclass

from equipoise.analyse.balance import BalancePeriod, balance
from equipoise.analyse.sequences import Sequence, sequences
from equipoise.analyse.weights import load_weights
from equipoise.store import CorpusSummary, Store


@dataclass(frozen=True, slots=True)
class Report:
    summary: CorpusSummary
    focal: str
    between: tuple[str, str]
    periods: tuple[BalancePeriod, ...]
    sequences: tuple[Sequence, ...]
    reading: str


def build_report(store: Store, *, focal: str = "KOR", between: tuple[str, str] = ("CHN", "JPN")
                 ) -> Report:
    summary = store.summary()
    with store.reading() as con:
        periods = tuple(balance(con, focal, between, by="month"))
        seqs = tuple(sequences(con, focal, powers=list(between)))
    return Report(summary, focal, between, periods, seqs,
                  reading(focal, between, periods, seqs))


def _months(periods: tuple[BalancePeriod, ...], verdict: str) -> list[str]:
    return [p.period for p in periods if p.verdict == verdict]


def reading(focal: str, between: tuple[str, str], periods: tuple[BalancePeriod, ...],
            seqs: tuple[Sequence, ...]) -> str:
    """One paragraph an analyst can read: how the focal country split its engagement over
    the whole store, then the month-by-month verdicts and how sure they are."""
    a, b = between
    evidenced = [p for p in periods if p.events]
    if not evidenced:
        return f"The store holds no cooperative engagement of {focal} with {a} or {b}."
    text = _overall(focal, between, evidenced)
    called = [f"balanced with confidence in {_list(months)}"
              for months in [_months(periods, "balanced")] if months]
    called += [f"tilted toward {power} in {_list(months)}" for power in between
               for months in [_months(periods, f"tilted toward {power}")] if months]
    if called:  # "balanced in no month" would read as a finding; it is an absence of one
        text += f" Month by month, {focal} was " + "; ".join(called) + "."
    thin = len(_months(tuple(evidenced), "too little evidence"))
    if thin:
        text += (f" {thin} of the {len(evidenced)} months with evidence had too few "
                 "independent stories to call with confidence.")
    if seqs:
        s = seqs[-1]
        text += (f" The latest back-to-back engagement: {focal} met {s.first.power} on "
                 f"{s.first.date} ({_places(s.first.places)}) and {s.second.power} on "
                 f"{s.second.date} ({_places(s.second.places)}), "
                 f"{_n(s.gap_days, 'day')} apart.")
    return text


def _overall(focal: str, between: tuple[str, str], periods: list[BalancePeriod]) -> str:
    """The split over every period together: the point reading the monthly verdicts qualify
    ("engaged both equally" needs the weighted index within the balanced band)."""
    a, b = between
    w1, w2 = sum(p.weight_p1 for p in periods), sum(p.weight_p2 for p in periods)
    s1, s2 = sum(p.stories_p1 for p in periods), sum(p.stories_p2 for p in periods)
    index = (w1 - w2) / (w1 + w2) if w1 + w2 else 0.0
    band = load_weights().verdict.balanced_max_abs
    if abs(index) <= band:
        how = f"engaged {a} and {b} equally"
    else:
        how = f"leaned toward {a if index > 0 else b}"
    return (f"Across {len(periods)} month{'s' if len(periods) != 1 else ''} with evidence, "
            f"{focal} {how}: {_stories(s1)} with {a}, {_stories(s2)} with {b} (weighted "
            f"index {index:+.2f}, from -1 all {b} to +1 all {a}; balanced within "
            f"±{band:.1f}).")


def _stories(n: int) -> str:
    return f"{n} stor{'y' if n == 1 else 'ies'}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _places(places: tuple[str, ...]) -> str:
    return ", ".join(places) or "place unknown"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
