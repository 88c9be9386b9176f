"""Summit sequences: a focal country meets one power's leader, then another's, within N days.

The reference case: Seoul hosts Xi (CHN), and a week later Lee travels to Nara to meet
Japan's prime minister (JPN): one sequence, CHN then JPN, 7 days apart.
"""

from __future__ import annotations

from collections import abc
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from equipoise.analyse._pairs import COUNTED, load_pairs, other_side, titles_of
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.weights import RankTable, Weights, load_weights


@dataclass(frozen=True, slots=True)
class Meeting:
    """Leader-level CONSULT events of the focal country with one power on one day."""

    power: str
    date: date
    places: tuple[str, ...]
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "power": self.power, "date": self.date.isoformat(), "places": list(self.places),
            "event_ids": list(self.event_ids), "article_ids": list(self.article_ids),
            "evidence": list(self.evidence),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sequence:
    """Two meetings of the focal country with different powers, ``gap_days`` apart."""

    focal: str
    first: Meeting
    second: Meeting
    gap_days: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "focal": self.focal,
            "first": self.first.to_dict(),
            "second": self.second.to_dict(),
            "gap_days": self.gap_days,
        }


def _leader_or_unknown(titles: object, table: RankTable) -> bool:
    """True when a side has a leader, or when none of its titles has a known rank."""
    ranks = {table.rank_of(t) for t in titles_of(titles)} - {None}
    return not ranks or "leader" in ranks


def _leader_rows(rows: pd.DataFrame, focal: str, table: RankTable) -> pd.DataFrame:
    ok = [
        _leader_or_unknown(st, table) and _leader_or_unknown(dt, table)
        for st, dt in zip(rows["src_titles"], rows["dst_titles"], strict=True)
    ]
    return rows[pd.Series(ok, index=rows.index, dtype=bool)]


def _candidate_rows(
    con: duckdb.DuckDBPyConnection, focal: str, powers: abc.Sequence[str] | None,
    since: date | None, until: date | None, table: RankTable,
) -> pd.DataFrame:  # fmt: skip
    codes = None if powers is None else [focal, *powers]
    rows = load_pairs(con, statuses=COUNTED, involving=focal, codes=codes, since=since, until=until)
    rows = rows[(rows["event_type"] == "CONSULT") & rows["date"].notna()].copy()
    rows["power"] = other_side(rows, focal)
    if powers is None:
        # without a list of powers, any other state counts, but not organisations
        is_state = rows["dst_country"].where(rows["src"] == focal, rows["src_country"])
        rows = rows[is_state.fillna(False).astype(bool)]
    return _leader_rows(rows, focal, table)


def _unique(values: abc.Iterable[object]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values if isinstance(v, str) and v))


def _meetings(rows: pd.DataFrame) -> list[Meeting]:
    meetings = []
    for (power, day), group in rows.groupby(["power", "date"], sort=True):
        places = _unique(group["place"]) or _unique(group["location_country"])
        meetings.append(Meeting(
            power=str(power), date=day, places=places, event_ids=_unique(group["event_id"]),
            article_ids=_unique(group["article_id"]), evidence=_unique(group["evidence_text"]),
        ))  # fmt: skip
    return sorted(meetings, key=lambda m: (m.date, m.power))


def pair_meetings(focal: str, meetings: list[Meeting], within_days: int) -> list[Sequence]:
    """Every ordered pair of meetings with different powers at most ``within_days`` apart."""
    out = []
    for i, first in enumerate(meetings):
        for second in meetings[i + 1 :]:
            gap = (second.date - first.date).days
            if gap > within_days:
                break
            if second.power == first.power or set(first.event_ids) & set(second.event_ids):
                continue
            out.append(Sequence(focal, first, second, gap))
    return out


def sequences(
    con: duckdb.DuckDBPyConnection,
    focal: str,
    *,
    powers: abc.Sequence[str] | None = None,
    within_days: int = 30,
    since: date | None = None,
    until: date | None = None,
    weights: Weights | None = None,
) -> list[Sequence]:
    """Leader-level meetings of ``focal`` with two different powers within N days.

    Meetings are occurred CONSULT events; each side must have a leader among its
    titles when any of its titles has a known rank. ``powers`` limits the partners
    (default: every other state).
    """
    if within_days < 0:
        raise AnalysisError(f"--within must be 0 or more days, got {within_days}")
    table = (weights or load_weights()).rank_table
    rows = _candidate_rows(con, focal, powers, since, until, table)
    return pair_meetings(focal, _meetings(rows), within_days)
