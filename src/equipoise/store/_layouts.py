"""Row layouts of the export formats: which columns, typed how, built from a record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any, Literal

from equipoise.store.cameo import CameoMapping

Kind = Literal["str", "int", "float", "date", "list"]
Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What an export needs to know about an event's article."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind = "str"


RowBuilder = Callable[[Record, ArticleMeta, CameoMapping], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Layout:
    """A tabular format's columns and how one event becomes its rows."""

    columns: tuple[Column, ...]
    rows: RowBuilder


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _codes(actors: list[dict[str, Any]]) -> list[str]:
    codes = (a.get("country") or a.get("org") for a in actors)
    return [str(c) for c in codes if c]


def _sectors(actors: list[dict[str, Any]]) -> list[str]:
    return [str(a.get("sector") or "UNK") for a in actors if a.get("country") or a.get("org")]


def actor_code(actor: Mapping[str, Any]) -> str | None:
    """The CAMEO-style code of an actor: country (or organisation) and sector, "USAGOV",
    "GEOCVL", "UNIGO"; None for an actor with neither country nor organisation."""
    code = actor.get("country") or actor.get("org")
    return f"{code}{actor.get('sector') or 'UNK'}" if code else None


def _actor_codes(actors: list[dict[str, Any]]) -> list[str]:
    return [c for c in map(actor_code, actors) if c]


def _evidence_text(rec: Record) -> str | None:
    return _text((rec.get("evidence") or {}).get("text"))


def _names(actors: list[dict[str, Any]]) -> list[str]:
    return [str(a.get("name") or a.get("text")) for a in actors if a.get("name") or a.get("text")]


def _location(rec: Record) -> dict[str, Any]:
    loc = rec.get("location") or {}
    return {
        "place": _text(loc.get("place")), "country": _text(loc.get("country")),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
    }  # fmt: skip


FLAT = (
    Column("id"), Column("article_id"), Column("date", "date"), Column("precision"),
    Column("event_type"), Column("mode"), Column("status"), Column("actors", "list"),
    Column("recipients", "list"), Column("place"), Column("location_country"),
    Column("lat", "float"), Column("lon", "float"), Column("quad", "int"),
    Column("intensity", "float"), Column("confidence", "float"), Column("evidence"),
    Column("actor_sectors", "list"), Column("recipient_sectors", "list"),
)  # fmt: skip


def flat_rows(rec: Record, meta: ArticleMeta, mapping: CameoMapping) -> list[dict[str, Any]]:
    loc = _location(rec)
    return [{
        "id": rec["id"], "article_id": rec["article_id"], "date": _date(rec.get("date")),
        "precision": _text(rec.get("date_precision")), "event_type": rec["event_type"],
        "mode": _text(rec.get("mode")), "status": rec["status"],
        "actors": _codes(rec.get("actor") or []), "recipients": _codes(rec.get("recipient") or []),
        "place": loc["place"], "location_country": loc["country"], "lat": loc["lat"],
        "lon": loc["lon"], "quad": rec.get("quad"), "intensity": rec.get("intensity"),
        "confidence": rec.get("confidence"), "evidence": _evidence_text(rec),
        "actor_sectors": _sectors(rec.get("actor") or []),
        "recipient_sectors": _sectors(rec.get("recipient") or []),
    }]  # fmt: skip


POLECAT = (
    Column("Event ID"), Column("Event Date", "date"), Column("Event Type"), Column("Event Mode"),
    Column("Intensity", "float"), Column("Quad Code", "int"), Column("Contexts", "list"),
    Column("Actor Name", "list"), Column("Actor Country", "list"),
    Column("Primary Actor Sector"), Column("Actor Title", "list"),
    Column("Actor Name Raw", "list"), Column("Recipient Name", "list"),
    Column("Recipient Country", "list"), Column("Primary Recipient Sector"),
    Column("Recipient Title", "list"), Column("Recipient Name Raw", "list"),
    Column("Placename"), Column("Country"), Column("Latitude", "float"),
    Column("Longitude", "float"), Column("GeoNames ID", "int"), Column("Source"),
    Column("Publication Date", "date"), Column("Language"), Column("Status"),
    Column("Confidence", "float"), Column("Event Text"),
    Column("Actor Sector", "list"), Column("Actor Code", "list"),
    Column("Recipient Sector", "list"), Column("Recipient Code", "list"),
)  # fmt: skip


def _party(prefix: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        f"{prefix} Name": _names(actors),
        f"{prefix} Country": _codes(actors),
        f"Primary {prefix} Sector": _text(actors[0].get("sector")) if actors else None,
        f"{prefix} Title": [str(a["title"]) for a in actors if a.get("title")],
        f"{prefix} Name Raw": [str(a["text"]) for a in actors if a.get("text")],
        f"{prefix} Sector": _sectors(actors),
        f"{prefix} Code": _actor_codes(actors),
    }


def polecat_rows(rec: Record, meta: ArticleMeta, mapping: CameoMapping) -> list[dict[str, Any]]:
    loc = _location(rec)
    return [{
        "Event ID": rec["id"], "Event Date": _date(rec.get("date")),
        "Event Type": rec["event_type"], "Event Mode": _text(rec.get("mode")),
        "Intensity": rec.get("intensity"), "Quad Code": rec.get("quad"),
        "Contexts": list(rec.get("contexts") or []),
        **_party("Actor", rec.get("actor") or []),
        **_party("Recipient", rec.get("recipient") or []),
        "Placename": loc["place"], "Country": loc["country"], "Latitude": loc["lat"],
        "Longitude": loc["lon"], "GeoNames ID": loc["geonameid"],
        "Source": _text(meta.outlet or meta.url or rec["article_id"]),
        "Publication Date": meta.published, "Language": _text(meta.language),
        "Status": rec["status"], "Confidence": rec.get("confidence"),
        "Event Text": _evidence_text(rec),
    }]  # fmt: skip


CAMEO = (
    Column("event_id"), Column("date", "date"), Column("source"), Column("source_name"),
    Column("target"), Column("target_name"), Column("cameo_root"), Column("cameo_label"),
    Column("quad_class", "int"), Column("goldstein", "float"), Column("plover_type"),
    Column("plover_mode"), Column("status"), Column("article_id"), Column("location_country"),
    Column("lat", "float"), Column("lon", "float"),
    Column("source_code"), Column("source_sector"), Column("target_code"),
    Column("target_sector"),
)  # fmt: skip

_Party = tuple[str | None, str | None, str | None]


def _dyads(rec: Record) -> list[tuple[_Party, _Party]]:
    """Actor x recipient; with no recipient, every pair of actors; else the lone actor."""

    def party(a: dict[str, Any]) -> _Party:
        return (a.get("country") or a.get("org"), a.get("name") or a.get("text"),
                a.get("sector"))

    nobody: _Party = (None, None, None)
    actors = [party(a) for a in rec.get("actor") or []]
    recipients = [party(a) for a in rec.get("recipient") or []]
    if recipients:
        return [(a, r) for a in actors or [nobody] for r in recipients]
    if len(actors) > 1:
        return list(combinations(actors, 2))
    return [(actors[0] if actors else nobody, nobody)]


def _cameo_party(prefix: str, party: _Party) -> dict[str, str | None]:
    code = actor_code({"country": party[0], "sector": party[2]}) if party[0] else None
    return {prefix: _text(party[0]), f"{prefix}_name": _text(party[1]),
            f"{prefix}_code": code, f"{prefix}_sector": _text(party[2]) if party[0] else None}


def cameo_rows(rec: Record, meta: ArticleMeta, mapping: CameoMapping) -> list[dict[str, Any]]:
    code = mapping.code(rec["event_type"], rec.get("mode"))
    loc = _location(rec)
    shared = {
        "event_id": rec["id"], "date": _date(rec.get("date")), "cameo_root": code.root,
        "cameo_label": code.label, "quad_class": code.quad_class, "goldstein": code.goldstein,
        "plover_type": rec["event_type"], "plover_mode": _text(rec.get("mode")),
        "status": rec["status"], "article_id": rec["article_id"],
        "location_country": loc["country"], "lat": loc["lat"], "lon": loc["lon"],
    }  # fmt: skip
    return [{**shared, **_cameo_party("source", s), **_cameo_party("target", t)}
            for s, t in _dyads(rec)]


def plover_record(rec: Record, meta: ArticleMeta) -> dict[str, Any]:
    """One event in the field names of the PLOVER manual's data format."""
    actors, recipients = rec.get("actor") or [], rec.get("recipient") or []
    loc = _location(rec)
    return {
        "event_id": rec["id"], "event_date": rec.get("date"),
        "date_precision": rec.get("date_precision"), "event_type": rec["event_type"],
        "event_mode": rec.get("mode"), "event_text": _evidence_text(rec),
        "story_date": meta.published.isoformat() if meta.published else None,
        "actor": [a.get("name") or a.get("text") for a in actors],
        "actor_country": [a.get("country") for a in actors],
        "actor_org": [a.get("org") for a in actors],
        "actor_sector": [a.get("sector") for a in actors],
        "actor_code": [actor_code(a) for a in actors],
        "recipient": [a.get("name") or a.get("text") for a in recipients],
        "recipient_country": [a.get("country") for a in recipients],
        "recipient_org": [a.get("org") for a in recipients],
        "recipient_sector": [a.get("sector") for a in recipients],
        "recipient_code": [actor_code(a) for a in recipients],
        "location": loc["place"], "location_country": loc["country"],
        "latitude": loc["lat"], "longitude": loc["lon"], "geonameid": loc["geonameid"],
        "contexts": list(rec.get("contexts") or []), "status": rec["status"],
        "quad": rec.get("quad"), "intensity": rec.get("intensity"),
        "confidence": rec.get("confidence"),
        "source": {"article_id": rec["article_id"], "outlet": meta.outlet, "url": meta.url},
    }  # fmt: skip


TABULAR: dict[str, Layout] = {
    "csv": Layout(FLAT, flat_rows),
    "parquet": Layout(FLAT, flat_rows),
    "polecat-tsv": Layout(POLECAT, polecat_rows),
    "cameo-tsv": Layout(CAMEO, cameo_rows),
}
