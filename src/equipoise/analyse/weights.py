"""Event weights and the title -> rank table used by the balance index and profiles.

The numbers live in ``data/analysis/weights.toml``; the rank of a title comes from the
shared actor role table ``data/actors/roles.csv`` when it lists the term, and from the
fallback ``[rank_terms]`` of the weights file otherwise.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from equipoise.errors import DataFileError
from equipoise.models import EVENT_TYPES

RANKS: tuple[str, ...] = ("leader", "minister", "vice", "official", "other")
UNKNOWN_RANK = "unknown"
_ROLE_COLUMNS = ("term", "sector", "rank")


@dataclass(frozen=True, slots=True)
class VerdictRules:
    """Thresholds of the balance verdict and its interval (``[verdict]`` of the weights file)."""

    balanced_max_abs: float = 0.2
    undecided_reach: float = 0.5
    tilt_probability: float = 0.99
    prior: float = 0.5
    min_stories: int = 3
    band_low: float = 5.0
    band_high: float = 95.0


@functools.cache
def _patterns(terms: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<!\w){re.escape(t)}(?!\w)"), rank) for t, rank in terms)


@functools.lru_cache(maxsize=4096)
def _rank_of(terms: tuple[tuple[str, str], ...], text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for pattern, rank in _patterns(terms):
        match = pattern.search(text)
        if match is None:
            continue
        key = (match.start(), -len(pattern.pattern), rank)
        if best is None or key < best:
            best = key
    return best[2] if best else None


@dataclass(frozen=True, slots=True)
class RankTable:
    """Title terms with their rank; the earliest, then longest, match in a title wins."""

    terms: tuple[tuple[str, str], ...]

    def rank_of(self, title: str | None) -> str | None:
        """The rank a title denotes, or None when no term matches."""
        if not title:
            return None
        return _rank_of(self.terms, title.casefold())

    def best_rank(self, titles: Iterable[str | None]) -> str:
        """The highest rank among titles (``unknown`` when none is recognised)."""
        found = {self.rank_of(t) for t in titles} - {None}
        for rank in RANKS:
            if rank in found:
                return rank
        return UNKNOWN_RANK


@dataclass(frozen=True, slots=True)
class Weights:
    """Type, mode and rank weights plus the quad fallback and verdict rules."""

    types: Mapping[str, float]
    modes: Mapping[tuple[str, str], float]
    ranks: Mapping[str, float]
    quads: Mapping[str, int]
    default_type: float
    verdict: VerdictRules
    rank_table: RankTable

    def event_weight(self, event_type: str, mode: str | None, rank: str) -> float:
        """Weight of one event: type (or its mode override) times rank multiplier."""
        base = self.types.get(event_type, self.default_type)
        if mode:
            base = self.modes.get((event_type, mode), base)
        return base * self.ranks.get(rank, self.ranks[UNKNOWN_RANK])

    def quad_of(self, event_type: str, quad: int | None) -> int:
        """The event's quad, or the type's default when the event carries none."""
        if quad in (1, 2, 3, 4):
            return int(quad)
        return self.quads.get(event_type, 0)


def _fail(where: str, problem: str) -> DataFileError:
    return DataFileError(f"{where}: {problem}; fix the file or pass another --weights file")


def _positive_table(raw: Any, where: str, section: str) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise _fail(where, f"[{section}] must be a table")
    out: dict[str, float] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise _fail(where, f"[{section}] {key} must be a positive number, got {value!r}")
        out[str(key)] = float(value)
    return out


def _types(raw: dict[str, Any], where: str) -> dict[str, float]:
    types = _positive_table(raw.get("types", {}), where, "types")
    unknown = sorted(set(types) - set(EVENT_TYPES))
    if unknown:
        raise _fail(where, f"[types] has unknown PLOVER type(s) {', '.join(unknown)}")
    return types


def _modes(raw: dict[str, Any], where: str) -> dict[tuple[str, str], float]:
    section = raw.get("modes", {})
    if not isinstance(section, dict):
        raise _fail(where, "[modes] must be a table of [modes.TYPE] tables")
    out: dict[tuple[str, str], float] = {}
    for event_type, table in section.items():
        if event_type not in EVENT_TYPES:
            raise _fail(where, f"[modes.{event_type}] is not a PLOVER type")
        for mode, value in _positive_table(table, where, f"modes.{event_type}").items():
            out[(event_type, mode)] = value
    return out


def _ranks(raw: dict[str, Any], where: str) -> dict[str, float]:
    ranks = _positive_table(raw.get("ranks", {}), where, "ranks")
    missing = sorted(set((*RANKS, UNKNOWN_RANK)) - set(ranks))
    if missing:
        raise _fail(where, f"[ranks] lacks {', '.join(missing)}")
    return ranks


def _quads(raw: dict[str, Any], where: str) -> dict[str, int]:
    section = raw.get("quads", {})
    if not isinstance(section, dict):
        raise _fail(where, "[quads] must be a table")
    for key, value in section.items():
        if key not in EVENT_TYPES or value not in (1, 2, 3, 4):
            raise _fail(where, f"[quads] {key} = {value!r}: need a PLOVER type and 1-4")
    return {str(k): int(v) for k, v in section.items()}


def _verdict(raw: dict[str, Any], where: str) -> VerdictRules:
    section = raw.get("verdict", {})
    try:
        rules = VerdictRules(**section)
    except TypeError as exc:
        raise _fail(where, f"[verdict] {exc}") from exc
    if not 0 <= rules.band_low < rules.band_high <= 100:
        raise _fail(where, "[verdict] needs 0 <= band_low < band_high <= 100")
    if not 0.5 < rules.tilt_probability < 1 or rules.prior <= 0 or rules.min_stories < 1:
        raise _fail(where, "[verdict] needs 0.5 < tilt_probability < 1, prior > 0 and "
                    "min_stories >= 1")
    return rules


def _fallback_terms(raw: dict[str, Any], where: str) -> dict[str, str]:
    section = raw.get("rank_terms", {})
    out: dict[str, str] = {}
    for rank, terms in section.items():
        if rank not in RANKS or not isinstance(terms, list):
            raise _fail(where, f"[rank_terms] {rank}: need one of {', '.join(RANKS)} = [terms]")
        out.update({str(t).casefold().strip(): rank for t in terms})
    return out


def read_role_table(text: str, where: str) -> dict[str, str]:
    """Parse a ``term,sector,rank`` CSV into term -> rank (sector is not used here)."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not set(_ROLE_COLUMNS) <= set(reader.fieldnames):
        raise _fail(where, f"needs columns {', '.join(_ROLE_COLUMNS)}")
    out: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        rank = (row["rank"] or "").strip()
        if rank not in RANKS:
            raise _fail(where, f"line {line}: rank {rank!r} is not one of {', '.join(RANKS)}")
        out[(row["term"] or "").casefold().strip()] = rank
    out.pop("", None)
    return out


def _shipped_roles() -> dict[str, str]:
    path = resources.files("equipoise.data").joinpath("actors", "roles.csv")
    if not path.is_file():
        return {}
    return read_role_table(path.read_text("utf-8"), "data/actors/roles.csv")


def parse_weights(text: str, where: str, *, roles: Mapping[str, str] | None = None) -> Weights:
    """Build ``Weights`` from TOML text; ``roles`` (term -> rank) override the fallback."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(where, f"not valid TOML ({exc})") from exc
    terms = _fallback_terms(raw, where)
    terms.update(roles or {})
    default = raw.get("default_type", 1.0)
    if isinstance(default, bool) or not isinstance(default, int | float) or default <= 0:
        raise _fail(where, "default_type must be a positive number")
    return Weights(
        types=_types(raw, where), modes=_modes(raw, where), ranks=_ranks(raw, where),
        quads=_quads(raw, where), default_type=float(default), verdict=_verdict(raw, where),
        rank_table=RankTable(tuple(sorted(terms.items()))),
    )  # fmt: skip


def load_weights(path: str | Path | None = None) -> Weights:
    """The shipped weights, or those of ``path``; the shared role table is merged in."""
    if path is None:
        text = resources.files("equipoise.data").joinpath("analysis", "weights.toml")
        return parse_weights(
            text.read_text("utf-8"), "data/analysis/weights.toml", roles=_shipped_roles()
        )
    p = Path(path)
    if not p.is_file():
        raise DataFileError(f"weights file {p} does not exist")
    return parse_weights(p.read_text("utf-8"), str(p), roles=_shipped_roles())
