"""The typed records that flow between the stages.

Read this file first: every stage takes and returns these records.
``RawDocument`` (ingest) -> ``Article`` (clean) -> ``Event`` (coding, resolve) -> store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES: tuple[str, ...] = ("occurred", "future", "hypothetical", "negated", "historical")
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
# The periods analyses group events by (here so the command line can offer them cheaply).
PERIODS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")

Status = Literal["occurred", "future", "hypothetical", "negated", "historical"]
Precision = Literal["day", "week", "month", "year"]
RawFormat = Literal["text", "html"]
DateSource = Literal["input", "html", "url", "text", "default"]


def content_hash(text: str) -> str:
    """A short stable hash of a text, used for ids and exact-duplicate detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from a source, before cleaning.

    ``body`` is plain text (``fmt="text"``) or markup (``fmt="html"``). Metadata comes
    from the container (JSON fields, feed entries) and may be missing. A fetched page
    has ``url`` (where it finally came from, after redirects) and ``fetched_at`` (the
    fetch or, from a web archive, the capture time: not its publication date).
    """

    source: str
    body: str
    fmt: RawFormat = "text"
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text all evidence offsets point into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    source: str = ""
    language: str | None = None
    content_hash: str = ""
    # Where ``published`` came from: "input" (the source said so), "html" (page
    # metadata), "url", "text" (a dateline or date line), "default" (--published), or None.
    published_source: DateSource | None = None
    # When a fetched page was fetched, or an archived one captured (not its publication).
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one input could not be turned into events; the run goes on without it."""

    source: str
    stage: str
    reason: str
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved participant: a state (``country``) or an organisation (``org``)."""

    text: str
    name: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    title: str | None = None

    @property
    def code(self) -> str | None:
        return self.country or self.org

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "name": self.name, "country": self.country, "org": self.org,
            "sector": self.sector, "title": self.title,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Location:
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place, "country": self.country, "lat": self.lat, "lon": self.lon,
            "geonameid": self.geonameid,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the cleaned article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, in the output contract of ARCHITECTURE.md."""

    id: str
    article_id: str
    event_type: str
    status: Status
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    evidence: Evidence
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    date: date | None = None
    date_precision: Precision | None = None
    location: Location | None = None
    confidence: float = 0.5
    quad: int = 0
    intensity: float = 0.0
    more_evidence: tuple[Evidence, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "status": self.status,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "evidence_spans": [e.to_dict() for e in (self.evidence, *self.more_evidence)],
            "confidence": round(self.confidence, 3),
            "quad": self.quad,
            "intensity": self.intensity,
        }


def event_id(article_id: str, start: int, end: int, event_type: str) -> str:
    """Stable id: a hash of article id, evidence span and type."""
    return content_hash(f"{article_id}|{start}|{end}|{event_type}")
