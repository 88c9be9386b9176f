"""Routes behind the dashboard's map and downloads: the basemap, map points, filtered rows.

The map and the downloads take the same filters as ``GET /api/events``, so what an
analyst sees in the list is what the map shows and what the download contains.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from equipoise.serve.basemap import load_basemap
from equipoise.serve.codes import check_codes, check_sector
from equipoise.serve.models import (
    ArticleHitOut,
    ArticleSearchOut,
    MapOut,
    MapPoint,
    StoryOut,
    StoryPage,
)
from equipoise.serve.params import (
    PRECISION_PATTERN,
    SCOPE_PATTERN,
    SECTOR_PATTERN,
    STATUS_PATTERN,
    TYPE_PATTERN,
    CodeQuery,
    DayQuery,
    ServeState,
    date_range,
    state_of,
)
from equipoise.store import ArticleQuery, EventFilter, search_articles

router = APIRouter(prefix="/api")
State = Annotated[ServeState, Depends(state_of)]
MAX_DOWNLOAD = 100_000
CSV_COLUMNS = ("id", "article_id", "date", "date_precision", "event_type", "mode", "status",
               "actor", "recipient", "place", "location_country", "lat", "lon", "confidence",
               "quad", "intensity", "evidence")  # fmt: skip


def event_filter(
    state: State,
    actor: CodeQuery = None,
    recipient: CodeQuery = None,
    type: Annotated[str | None, Query(pattern=TYPE_PATTERN)] = None,
    status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    precision: Annotated[str | None, Query(pattern=PRECISION_PATTERN)] = None,
    sector: Annotated[str | None, Query(pattern=SECTOR_PATTERN)] = None,
    scope: Annotated[str | None, Query(pattern=SCOPE_PATTERN)] = None,
) -> EventFilter:
    """The events list's filters, checked (unknown codes are a 404 with suggestions).

    Stories, the map and downloads take every filter ``/api/events`` takes, so that the
    dashboard's views and its download links show the same events.
    """
    check_codes(state, actor, recipient)
    first, last = date_range(since, until)
    return EventFilter(actor=actor, recipient=recipient, event_type=type, status=status,
                       since=first, until=last, min_confidence=min_confidence,
                       precision=precision, sector=check_sector(state, sector),
                       scope=scope)  # fmt: skip


Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/stories", response_model=StoryPage)
def stories(
    state: State, flt: Filter,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> StoryPage:  # fmt: skip
    """One row per real-world event (a cluster of reports), newest first.

    A story matches when any of its reports matches the filters (the same as
    ``/api/events``); ``mention_ids`` are its reports, ``/api/events/{id}`` each one.
    """
    paged = EventFilter(**{**_fields(flt), "limit": page_size, "offset": (page - 1) * page_size})
    found, total = state.store.stories(paged)
    return StoryPage(items=[StoryOut.model_validate(dataclasses.asdict(s)) for s in found],
                     total=total, page=page, page_size=page_size)


@router.get("/basemap")
def basemap() -> JSONResponse:
    """Simplified country outlines (Natural Earth 1:110m, public domain) for the map."""
    return JSONResponse(load_basemap(), headers={"Cache-Control": "max-age=86400"})


@router.get("/map", response_model=MapOut)
def map_points(state: State, flt: Filter) -> MapOut:
    """Events with coordinates, one point per place and PLOVER type, with its count."""
    places, unplaced = state.store.places(flt)
    points = [MapPoint.model_validate(dataclasses.asdict(p)) for p in places]
    return MapOut(points=points, events=sum(p.events for p in points), unplaced=unplaced)


def _codes(actors: list[dict[str, Any]]) -> str:
    return " ".join(str(a.get("country") or a.get("org") or "?") for a in actors)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    loc = record.get("location") or {}
    return {
        **{k: record.get(k) for k in ("id", "article_id", "date", "date_precision",
                                      "event_type", "mode", "status", "confidence", "quad",
                                      "intensity")},
        "actor": _codes(record.get("actor") or []),
        "recipient": _codes(record.get("recipient") or []),
        "place": loc.get("place"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "evidence": (record.get("evidence") or {}).get("text"),
    }  # fmt: skip


@router.get("/download")
def download(
    state: State, flt: Filter,
    format: Annotated[str, Query(pattern=r"^(csv|json)$")] = "csv",
    limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = MAX_DOWNLOAD,
) -> Response:  # fmt: skip
    """Every event of the filter as a file: CSV (flat columns) or JSON (full records)."""
    query = EventFilter(**{**_fields(flt), "limit": limit, "order": "date"})
    records = state.store.events(query)
    name = f"equipoise-events.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Total-Rows": str(len(records))}  # fmt: skip
    if format == "json":
        body = json.dumps(records, ensure_ascii=False)
        return Response(body, media_type="application/json", headers=headers)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(_flat(r) for r in records)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/articles", response_model=ArticleSearchOut)
def articles(
    state: State,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all occur")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ArticleSearchOut:
    """Stored articles, newest first, or full-text matches of ``q``, best first."""
    first, last = date_range(since, until)
    found = search_articles(state.store, ArticleQuery(
        text=q or None, outlet=outlet, since=first, until=last, limit=page_size,
        offset=(page - 1) * page_size))  # fmt: skip
    return ArticleSearchOut(
        items=[ArticleHitOut.model_validate(dataclasses.asdict(h)) for h in found.hits],
        total=found.total, page=page, page_size=page_size,
    )


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in EventFilter.__dataclass_fields__}
