"""Turning stored output-contract records (and article columns) back into typed values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, cast, get_args

from equipoise.errors import StoreError
from equipoise.models import Actor, DateSource, Event, Evidence, Location, Precision, Status

__all__ = ["aware_utc", "date_source", "event_from_record"]

_DATE_SOURCES: frozenset[str] = frozenset(get_args(DateSource))


def date_source(value: object) -> DateSource | None:
    """A stored ``published_source``; None for an article stored before it was kept
    (or a value this version does not know, rather than a wrong claim)."""
    return cast(DateSource, value) if value in _DATE_SOURCES else None


def aware_utc(value: object) -> datetime | None:
    """A stored (zone-less UTC) time as an aware one, as ``Article`` holds it."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def _actor(raw: Mapping[str, Any]) -> Actor:
    return Actor(
        text=str(raw.get("text") or ""),
        name=raw.get("name"),
        country=raw.get("country"),
        org=raw.get("org"),
        sector=raw.get("sector"),
        title=raw.get("title"),
    )


def _evidence(raw: Mapping[str, Any]) -> Evidence:
    return Evidence(text=str(raw["text"]), start=int(raw["start"]), end=int(raw["end"]))


def _location(raw: Mapping[str, Any] | None) -> Location | None:
    if raw is None:
        return None
    geonameid = raw.get("geonameid")
    return Location(
        place=raw.get("place"),
        country=raw.get("country"),
        lat=raw.get("lat"),
        lon=raw.get("lon"),
        geonameid=int(geonameid) if geonameid is not None else None,
    )


def _more_evidence(rec: Mapping[str, Any]) -> tuple[Evidence, ...]:
    spans = rec.get("evidence_spans") or []
    return tuple(_evidence(s) for s in spans[1:])


def event_from_record(rec: Mapping[str, Any]) -> Event:
    """The ``Event`` whose ``to_dict()`` produced ``rec``."""
    try:
        raw_date = rec.get("date")
        return Event(
            id=str(rec["id"]),
            article_id=str(rec["article_id"]),
            event_type=str(rec["event_type"]),
            status=cast(Status, rec["status"]),
            actor=tuple(_actor(a) for a in rec.get("actor") or ()),
            recipient=tuple(_actor(a) for a in rec.get("recipient") or ()),
            evidence=_evidence(rec["evidence"]),
            mode=rec.get("mode"),
            contexts=tuple(rec.get("contexts") or ()),
            date=date.fromisoformat(raw_date) if raw_date else None,
            date_precision=cast(Precision | None, rec.get("date_precision")),
            location=_location(rec.get("location")),
            confidence=float(rec.get("confidence", 0.5)),
            quad=int(rec.get("quad", 0)),
            intensity=float(rec.get("intensity", 0.0)),
            more_evidence=_more_evidence(rec),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"stored event {rec.get('id')!r} is malformed: {exc!r}") from exc
