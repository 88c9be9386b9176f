"""The demo report: what is in a store, and a reading of one country's balance."""

from __future__ import annotations

from dataclasses import dataclass

from equipoise.analyse.balance import BalancePeriod, balance
from equipoise.analyse.sequences import Sequence, sequences
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
    """One paragraph an analyst can read: where the focal country balanced, where it tilted."""
    a, b = between
    evidenced = [p for p in periods if p.events]
    if not evidenced:
        return f"The store holds no cooperative engagement of {focal} with {a} or {b}."
    called = [f"balanced between {a} and {b} in {_list(months)}"
              for months in [_months(periods, "balanced")] if months]
    called += [f"tilted toward {power} in {_list(months)}" for power in between
               for months in [_months(periods, f"tilted toward {power}")] if months]
    months = _n(len(evidenced), "month")
    if called:
        text = (f"Across {months} with evidence, {focal}'s cooperative engagement was "
                + "; ".join(called) + ".")
    else:  # "balanced in no month" would read as a finding; it is an absence of one
        text = (f"Across {months} with evidence, none had enough independent stories to "
                f"say whether {focal} balanced between {a} and {b} or tilted toward one.")
    thin = len(_months(tuple(evidenced), "too little evidence"))
    if thin and called:
        text += (f" {thin} of the {len(evidenced)} months had too few independent stories "
                 "to call.")
    if seqs:
        s = seqs[-1]
        text += (f" The latest back-to-back engagement: {focal} met {s.first.power} on "
                 f"{s.first.date} ({_places(s.first.places)}) and {s.second.power} on "
                 f"{s.second.date} ({_places(s.second.places)}), "
                 f"{_n(s.gap_days, 'day')} apart.")
    return text


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _places(places: tuple[str, ...]) -> str:
    return ", ".join(places) or "place unknown"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
