"""Scoring coded events against gold annotations (the layout of ``tests/gold``).

Scoring is dyadic, as GUIDELINE.md describes: an event stands for the unordered pairs
of its distinct participants (actor x recipient, else all pairs of actors; a lone
participant is a pair with itself). Gold events of one type and pair form one unit; a
predicted claim (one per type, pair and future-or-not) fills at most one unit, preferring
a required unit, then one of the same status, then one whose main type is the claim's
(so a claim of an alternative type does not take a unit another claim fits better); claims
whose units are filled already are repeats; a claim matching no unit is a false
positive unless it is hypothetical or negated. Only required units count for recall.

With ``sectors=True`` (gold events carry ``actor_sectors`` and ``recipient_sectors``), a
domestic event, whose participants are all of one country but of different sectors, is
scored as pairs of country/sector units ("GEO/COP" and "GEO/CVL"), so a same-country event
is not reduced to one code; and every matched unit also checks the sector of each gold
participant (sector accuracy).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

Pair = frozenset[str]
NOT_CLAIMS = ("hypothetical", "negated")
TOLERANCE = {"day": 1, "week": 4, "month": 16, "year": 183}


@dataclass(slots=True)
class Unit:
    pair: Pair
    kind: str
    types: set[str]
    required: bool
    events: list[dict[str, Any]]


@dataclass(slots=True)
class Score:
    """Counts over one or more articles; ratios are derived."""

    true_positive: int = 0
    false_positive: int = 0
    required: int = 0
    found: int = 0
    date_ok: int = 0
    date_n: int = 0
    place_ok: int = 0
    place_n: int = 0
    sector_ok: int = 0
    sector_n: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("true_positive", "false_positive", "required", "found", "date_ok",
                     "date_n", "place_ok", "place_n", "sector_ok", "sector_n"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.false += other.false

    @property
    def precision(self) -> float:
        claims = self.true_positive + self.false_positive
        return self.true_positive / claims if claims else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


    @property
    def sector_accuracy(self) -> float | None:
        return self.sector_ok / self.sector_n if self.sector_n else None


def _code(x: Any) -> str | None:
    if isinstance(x, dict):
        x = x.get("country") or x.get("org")
    return str(x).strip().upper() if x else None


Party = tuple[str, str | None]


def parties(ev: dict[str, Any], side: str) -> list[Party]:
    """(code, sector) of one side of a gold event (codes plus ``<side>_sectors``) or of a
    predicted one (actor records)."""
    items = ev.get(side) or []
    sectors = ev.get(f"{side}_sectors") or []
    out = []
    for i, item in enumerate(items):
        code = _code(item)
        if not code:
            continue
        sector = item.get("sector") if isinstance(item, dict) else (
            sectors[i] if i < len(sectors) else None)
        out.append((code, str(sector).upper() if sector else None))
    return out


def is_domestic(a: Sequence[Party], r: Sequence[Party]) -> bool:
    """All participants in one country, of at least two sectors."""
    everyone = [*a, *r]
    return len({c for c, _ in everyone}) == 1 and len({s for _, s in everyone}) >= 2


def event_pairs(ev: dict[str, Any], *, sectors: bool = False) -> set[Pair]:
    a, r = parties(ev, "actor"), parties(ev, "recipient")
    if sectors and is_domestic(a, r):
        return pairs_of([f"{c}/{s or 'UNK'}" for c, s in a], [f"{c}/{s or 'UNK'}" for c, s in r])
    return pairs_of([c for c, _ in a], [c for c, _ in r])


def pairs_of(actors: Iterable[Any], recipients: Iterable[Any]) -> set[Pair]:
    a = {c for c in map(_code, actors) if c}
    r = {c for c in map(_code, recipients) if c}
    if r:
        out = {frozenset((x, y)) for x in a for y in r if x != y}
    else:
        out = {frozenset(p) for p in itertools.combinations(sorted(a), 2)}
    if not out and len(a | r) == 1:
        out = {frozenset(a | r)}
    return out


def gold_units(events: Sequence[dict[str, Any]], *, sectors: bool = False) -> list[Unit]:
    units: dict[tuple[str, Pair], Unit] = {}
    for ev in events:
        kind = ev["type"].upper()
        for pair in event_pairs(ev, sectors=sectors):
            unit = units.setdefault((kind, pair), Unit(pair, kind, {kind}, False, []))
            unit.types |= {t.upper() for t in ev.get("alt_types", [])}
            unit.required |= bool(ev.get("required"))
            unit.events.append(ev)
    return list(units.values())


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _date_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    g, p = _day(gold.get("date")), _day(pred.get("date"))
    tol = TOLERANCE.get(gold.get("date_precision") or "day", 1)
    return g is not None and p is not None and abs((g - p).days) <= tol


def score_article(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], *,
                  sectors: bool = False) -> Score:
    units, score, filled = gold_units(gold, sectors=sectors), Score(), set()
    claims: dict[tuple[str, Pair, bool], dict[str, Any]] = {}
    for ev in predicted:
        if ev.get("status") in NOT_CLAIMS:
            continue
        for pair in event_pairs(ev, sectors=sectors):
            claims.setdefault((ev["event_type"], pair, _future(ev)), ev)
    for (kind, pair, future), ev in claims.items():
        hits = [u for u in units if u.pair == pair and kind in u.types]
        if not hits:
            score.false_positive += 1
            score.false.append(f"{kind} {'-'.join(sorted(pair))}: {ev['evidence']['text'][:90]}")
            continue
        free = sorted((u for u in hits if id(u) not in filled),
                      key=lambda u: _preference(u, kind, future))
        if free:
            filled.add(id(free[0]))
            score.true_positive += free[0].required
            _secondary(score, free[0], ev)
            if sectors and free[0].required:
                _sector_check(score, free[0], ev)
    required = [u for u in units if u.required]
    score.required = len(required)
    score.found = sum(id(u) in filled for u in required)
    score.missed = [f"{'/'.join(sorted(u.types))} {'-'.join(sorted(u.pair))}: "
                    f"{u.events[0].get('evidence', '')[:90]}" for u in required
                    if id(u) not in filled]
    return score


def _future(ev: dict[str, Any]) -> bool:
    return str(ev.get("status") or "occurred").lower() == "future"


def _preference(unit: Unit, kind: str, future: bool) -> tuple[bool, bool, bool]:
    """Which open unit a claim fills, as the shared scorer decides: a required one first,
    then one whose status agrees (future or not), then one whose main type is the claim's."""
    return (not unit.required, not any(_future(g) == future for g in unit.events),
            unit.kind != kind)


def _secondary(score: Score, unit: Unit, ev: dict[str, Any]) -> None:
    if not unit.required:
        return
    dated = [g for g in unit.events if g.get("date")]
    if dated:
        score.date_n += 1
        score.date_ok += any(_date_ok(ev, g) for g in dated)
    located = [g for g in unit.events if g.get("location")]
    if located:
        score.place_n += 1
        code = _code(ev.get("location"))
        score.place_ok += any(code == _code(g["location"]) for g in located)


def _sector_check(score: Score, unit: Unit, ev: dict[str, Any]) -> None:
    """Each gold participant of the unit's pair: is one predicted participant of that
    country (or organisation) of its sector? The best of the unit's gold events counts."""
    said: dict[str, set[str | None]] = {}
    for code, sector in parties(ev, "actor") + parties(ev, "recipient"):
        said.setdefault(code, set()).add(sector)
    best: tuple[int, int] | None = None
    for g in unit.events:
        wanted = [(c, s) for c, s in parties(g, "actor") + parties(g, "recipient")
                  if s and (c in unit.pair or f"{c}/{s}" in unit.pair)]
        ok = sum(s in said.get(c, set()) for c, s in wanted)
        if wanted and (best is None or ok / len(wanted) > best[0] / best[1]):
            best = (ok, len(wanted))
    if best is not None:
        score.sector_ok += best[0]
        score.sector_n += best[1]


def evaluate(articles: Path, gold: Path, predicted: dict[str, list[dict[str, Any]]], *,
             sectors: bool = False) -> tuple[Score, dict[str, Score]]:
    """Score predictions (article id -> event records) against every gold file; with
    ``sectors``, domestic events as pairs of sectors and sector accuracy too."""
    total, per = Score(), {}
    for path in sorted(gold.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        per[path.stem] = score_article(data["events"], predicted.get(path.stem, []),
                                       sectors=sectors)
        total.add(per[path.stem])
    return total, per
