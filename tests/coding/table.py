"""The sentence table: rows of short news text and the events they must yield.

One JSON object a line in ``sentences.jsonl``::

    {"id": "agree-01", "category": "type", "published": "2025-11-12",
     "text": "...", "events": [EXPECTED, ...], "xfail": "why the coder misses it",
     "kind": "lexicon"}

``kind`` (optional) names the construction of real news the row stands for, one of
``KINDS``: junk before the lead, predicates outside the lexicon, collective actors,
nominal events, pronouns and short references, people the dictionary lacks, status,
places, dates, sectors, and mentions that are no party (a topic, a currency, a source).

An EXPECTED event::

    {"type": "AGREE", "also": ["CONSULT"], "parties": ["KOR+JPN"],
     "status": ["future"], "date": "2025-11-11" | "2025-11-03..2025-11-09",
     "precision": "day", "country": "JPN", "place": "Nara", "mode": ["phone"],
     "optional": true}

``parties`` lists accepted alternatives: ``"KOR+JPN"`` compares the union of actors and
recipients (symmetric acts), ``"KOR,JPN>PRK"`` compares actors and recipients as sets,
``"PRK>"`` is an act without a recipient. A party may name its sector too
(``"GEO/COP>GEO/CVL"``); then every party of the pattern does, and the event's actors are
compared as country/sector. ``status`` defaults to occurred; ``mode`` may
hold ``null``. A row with no events is a negative: nothing may be claimed (occurred or
future). Optional events are neither required nor counted as extra.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from equipoise.models import EVENT_TYPES, PRECISIONS, STATUSES, Actor, Event

CATEGORIES = ("type", "mode", "status", "reference", "date", "place", "negative")
KINDS = ("header-junk", "lexicon", "collective", "nominal", "reference", "people", "status",
         "place", "date", "sector", "nonparty")
CLAIMED = ("occurred", "future")
_ROW_KEYS = {"id", "category", "published", "text", "events", "xfail", "kind"}
_EVENT_KEYS = {"type", "also", "parties", "status", "date", "precision", "country", "place",
               "mode", "optional"}


class TableError(ValueError):
    """A malformed row in the sentence table (the message names the line)."""


@dataclass(frozen=True, slots=True)
class Parties:
    """One accepted participant pattern: symmetric (``union``) or directed."""

    actors: frozenset[str]
    recipients: frozenset[str]
    union: bool

    @classmethod
    def parse(cls, spec: str) -> Parties:
        if ">" in spec:
            left, _, right = spec.partition(">")
            return cls(_codes(left, ","), _codes(right, ","), union=False)
        return cls(_codes(spec, "+"), frozenset(), union=True)

    @property
    def sectored(self) -> bool:
        return any("/" in c for c in self.actors | self.recipients)

    def matches(self, event: Event) -> bool:
        key = _sectored_code if self.sectored else _plain_code
        actors = frozenset(key(a) for a in event.actor)
        recipients = frozenset(key(a) for a in event.recipient)
        if self.union:
            return actors | recipients == self.actors
        return actors == self.actors and recipients == self.recipients

    def __str__(self) -> str:
        if self.union:
            return "+".join(sorted(self.actors))
        return f"{','.join(sorted(self.actors))}>{','.join(sorted(self.recipients))}"


@dataclass(frozen=True, slots=True)
class Expected:
    """One event a row must (or, if optional, may) yield."""

    types: tuple[str, ...]
    parties: tuple[Parties, ...]
    statuses: tuple[str, ...] = ("occurred",)
    date_range: tuple[date, date] | None = None
    precision: str | None = None
    country: str | None = None
    place: str | None = None
    modes: tuple[str | None, ...] | None = None
    optional: bool = False

    def explains(self, event: Event) -> bool:
        """Same act between the same parties, whatever its status or details."""
        return event.event_type in self.types and any(p.matches(event) for p in self.parties)

    def differences(self, event: Event) -> list[str]:
        """What keeps an event with the right type and parties from matching."""
        out = []
        if event.status not in self.statuses:
            out.append(f"status {event.status} not in {'|'.join(self.statuses)}")
        if self.date_range is not None and not _within(event.date, self.date_range):
            out.append(f"date {event.date} not in {_range_text(self.date_range)}")
        if self.precision is not None and event.date_precision != self.precision:
            out.append(f"precision {event.date_precision} != {self.precision}")
        where = event.location
        if self.country is not None and (where is None or where.country != self.country):
            out.append(f"country {where.country if where else None} != {self.country}")
        if self.place is not None and (where is None or (where.place or "").lower()
                                       != self.place.lower()):
            out.append(f"place {where.place if where else None} != {self.place}")
        if self.modes is not None and event.mode not in self.modes:
            out.append(f"mode {event.mode} not in {self.modes}")
        return out

    def __str__(self) -> str:
        parties = "|".join(str(p) for p in self.parties)
        return f"{'/'.join(self.types)} {parties} {'|'.join(self.statuses)}"


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    category: str
    published: date
    text: str
    events: tuple[Expected, ...]
    xfail: str | None = None
    kind: str | None = None


def load_rows(path: Path) -> list[Row]:
    """Read and check the table; any malformed line raises ``TableError``."""
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(_row(json.loads(line)))
        except (TableError, ValueError, KeyError, TypeError) as exc:
            raise TableError(f"{path.name}:{number}: {exc}") from exc
    ids = [r.id for r in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TableError(f"{path.name}: duplicate row ids {duplicates}")
    return rows


def problems(row: Row, events: list[Event]) -> list[str]:
    """Why the events do not satisfy the row; empty when they do."""
    out = [_missing(exp, events) for exp in row.events if not exp.optional]
    found = [p for p in out if p]
    for event in events:
        if event.status in CLAIMED and not any(exp.explains(event) for exp in row.events):
            found.append(f"extra: {describe(event)}")
    return found


def describe(event: Event) -> str:
    actors = ",".join(_sectored_code(a) for a in event.actor)
    recipients = ",".join(_sectored_code(a) for a in event.recipient)
    where = event.location.country if event.location else None
    return (f"{event.event_type} {actors}>{recipients} {event.status} mode={event.mode} "
            f"date={event.date}/{event.date_precision} loc={where}")


def _missing(exp: Expected, events: list[Event]) -> str:
    candidates = [e for e in events if exp.explains(e)]
    if not candidates:
        return f"missing: {exp}"
    diffs = [exp.differences(e) for e in candidates]
    if any(not d for d in diffs):
        return ""
    return f"wrong: {exp}: {'; '.join(diffs[0])}"


def _row(raw: dict[str, Any]) -> Row:
    _check_keys(raw, _ROW_KEYS, {"id", "category", "published", "text", "events"})
    if raw["category"] not in CATEGORIES:
        raise TableError(f"category {raw['category']!r} is not one of {CATEGORIES}")
    if raw.get("kind") not in (None, *KINDS):
        raise TableError(f"kind {raw['kind']!r} is not one of {KINDS}")
    events = tuple(_expected(e) for e in raw["events"])
    if raw["category"] == "negative" and any(not e.optional for e in events):
        raise TableError("a negative row may only list optional events")
    if raw["category"] != "negative" and not any(not e.optional for e in events):
        raise TableError("a positive row needs at least one required event")
    return Row(id=str(raw["id"]), category=raw["category"],
               published=date.fromisoformat(raw["published"]), text=str(raw["text"]),
               events=events, xfail=raw.get("xfail"), kind=raw.get("kind"))


def _expected(raw: dict[str, Any]) -> Expected:
    _check_keys(raw, _EVENT_KEYS, {"type", "parties"})
    types = (raw["type"], *raw.get("also", []))
    statuses = tuple(raw.get("status", ["occurred"]))
    for value, allowed, what in ((types, EVENT_TYPES, "type"), (statuses, STATUSES, "status")):
        if not set(value) <= set(allowed):
            raise TableError(f"unknown {what} in {value}")
    if raw.get("precision") not in (None, *PRECISIONS):
        raise TableError(f"unknown precision {raw['precision']!r}")
    modes = raw.get("mode")
    return Expected(
        types=types, parties=tuple(Parties.parse(p) for p in raw["parties"]), statuses=statuses,
        date_range=_date_range(raw["date"]) if "date" in raw else None,
        precision=raw.get("precision"), country=raw.get("country"), place=raw.get("place"),
        modes=tuple(modes) if modes is not None else None,
        optional=bool(raw.get("optional", False)),
    )


def _check_keys(raw: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise TableError(f"unknown keys {sorted(unknown)}")
    absent = required - set(raw)
    if absent:
        raise TableError(f"missing keys {sorted(absent)}")


def _date_range(text: str) -> tuple[date, date]:
    low, _, high = text.partition("..")
    return date.fromisoformat(low), date.fromisoformat(high or low)


def _within(day: date | None, bounds: tuple[date, date]) -> bool:
    return day is not None and bounds[0] <= day <= bounds[1]


def _range_text(bounds: tuple[date, date]) -> str:
    low, high = bounds
    return low.isoformat() if low == high else f"{low}..{high}"


def _codes(text: str, sep: str) -> frozenset[str]:
    return frozenset(c.strip() for c in text.split(sep) if c.strip())


def _code(code: str | None) -> str:
    return code if code is not None else "?"


def _plain_code(actor: Actor) -> str:
    return _code(actor.code)


def _sectored_code(actor: Actor) -> str:
    return f"{_code(actor.code)}/{actor.sector or '?'}"
