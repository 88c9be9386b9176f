"""Routes behind the dashboard's map and downloads: the basemap, map points, filtered rows.

The map and the downloads take the same filters as ``GET /api/events``, so what an
analyst sees in the list is what the map shows and what the download contains.
"""

from __future__ import annotations

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
    return MapOut(points=places, events=sum(p.events for p in places), unplaced=unplaced)


@router.get("/download")
def download(
    state: State, flt: Filter,
    format: Annotated[str, Query(pattern=r"^(csv|json)$")] = "csv",
    limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = MAX_DOWNLOAD,
) -> Response:  # fmt: skip
    """Every event of the filter as a file: CSV or JSON (full records).

    The CSV is ``equipoise export --format csv`` for the same filter (one writer, one
    layout), so a file downloaded from the dashboard and one exported on the command line
    can be concatenated or compared.
    """
    query = EventFilter(**{**_fields(flt), "limit": limit, "order": "date"})
    name = f"equipoise-events.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "json":
        records = state.store.events(query)
        body = json.dumps(records, ensure_ascii=False)
        return Response(body, media_type="application/json",
                        headers={**disposition, "X-Total-Rows": str(len(records))})
    out = io.StringIO()
    n = state.store.export(query, "csv", out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={**disposition, "X-Total-Rows": str(n)})


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
