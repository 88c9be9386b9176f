"""Read routes over the store: health, events, articles, actors, summary, network."""

from __future__ import annotations

from importlib.metadata import version
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from equipoise.serve.codes import check_codes, check_sector
from equipoise.serve.errors import ApiError
from equipoise.serve.models import (
    ActorHitOut,
    ActorList,
    ArticleOut,
    DyadCountOut,
    EventOut,
    EventPage,
    Health,
    MonthTypeCount,
    Network,
    NetworkEdge,
    NetworkNode,
    Summary,
)
from equipoise.serve.params import (
    MAX_PAGE_SIZE,
    PRECISION_PATTERN,
    SCOPE_PATTERN,
    SECTOR_PATTERN,
    STATUS_PATTERN,
    TYPE_PATTERN,
    CodeQuery,
    DayQuery,
    IdPath,
    ServeState,
    date_range,
    state_of,
)
from equipoise.store import SORT_COLUMNS, EventFilter, StoredArticle

router = APIRouter(prefix="/api")
State = Annotated[ServeState, Depends(state_of)]
SORT_PATTERN = rf"^-?({'|'.join(SORT_COLUMNS)})$"


@router.get("/health", response_model=Health)
def health(state: State) -> Health:
    """Liveness, and whether the store can be read."""
    version_now = state.store.schema_version()
    return Health(
        status="ok",
        version=version("equipoise"),
        store="ok" if version_now else "missing",
        schema_version=version_now,
    )


@router.get("/events", response_model=EventPage)
def events(
    state: State,
    actor: CodeQuery = None,
    recipient: CodeQuery = None,
    type: Annotated[str | None, Query(pattern=TYPE_PATTERN)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
    status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    sector: Annotated[str | None, Query(pattern=SECTOR_PATTERN)] = None,
    scope: Annotated[str | None, Query(pattern=SCOPE_PATTERN)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    sort: Annotated[str, Query(pattern=SORT_PATTERN)] = "-date",
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    precision: Annotated[str | None, Query(pattern=PRECISION_PATTERN)] = None,
) -> EventPage:
    """Events matching every filter given, ``page_size`` at a time."""
    check_codes(state, actor, recipient)
    first, last = date_range(since, until)
    flt = EventFilter(
        actor=actor,
        recipient=recipient,
        event_type=type,
        since=first,
        until=last,
        status=status,
        article_id=article_id,
        sector=check_sector(state, sector),
        scope=scope,
        limit=page_size,
        offset=(page - 1) * page_size,
        order=sort,
        min_confidence=min_confidence,
        precision=precision,
    )
    items = [EventOut.model_validate(r) for r in state.store.events(flt)]
    return EventPage(
        items=items, total=state.store.count_events(flt), page=page, page_size=page_size
    )


@router.get("/events/{event_id}", response_model=EventOut)
def event(state: State, event_id: IdPath) -> EventOut:
    record = state.store.event(event_id)
    if record is None:
        raise ApiError(404, f"no event {event_id!r}")
    return EventOut.model_validate(record)


def article_out(stored: StoredArticle) -> ArticleOut:
    a = stored.article
    return ArticleOut(
        id=a.id, title=a.title, url=a.url, published=a.published,
        published_source=a.published_source, fetched_at=a.fetched_at, outlet=a.outlet,
        source=a.source, language=a.language, status=stored.status, error=stored.error,
        text=a.text, events=[EventOut.model_validate(e.to_dict()) for e in stored.events],
    )  # fmt: skip


@router.get("/articles/{article_id}", response_model=ArticleOut)
def article(state: State, article_id: IdPath) -> ArticleOut:
    """The cleaned text, metadata and events (with evidence offsets into the text)."""
    stored = state.store.article(article_id)
    if stored is None:
        raise ApiError(404, f"no article {article_id!r}")
    return article_out(stored)


@router.get("/actors", response_model=ActorList)
def actors(
    state: State,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ActorList:
    """Codes whose code starts with, or whose name contains, ``q``."""
    hits = state.store.search_actors(q, limit=limit)
    return ActorList(items=[ActorHitOut(code=h.code, name=h.name, events=h.count) for h in hits])


@router.get("/summary", response_model=Summary)
def summary(state: State, top: Annotated[int, Query(ge=1, le=100)] = 10) -> Summary:
    """Corpus size, date range, events by type and month, and the busiest dyads."""
    s = state.store.summary(top=top)
    months = state.store.events_by_month()
    return Summary(
        articles=s.articles, events=s.events, articles_by_status=s.articles_by_status,
        events_by_type=s.events_by_type, events_by_status=s.events_by_status,
        first_date=s.first_date, last_date=s.last_date,
        by_month=[MonthTypeCount(month=m.month, event_type=m.event_type, events=m.events)
                  for m in months],
        top_dyads=[DyadCountOut(source=d.source, target=d.target, events=d.count,
                                forward=d.forward, backward=d.backward, joint=d.joint)
                   for d in s.top_dyads],
    )  # fmt: skip


@router.get("/network", response_model=Network)
def network(
    state: State,
    status: Annotated[str, Query(pattern=STATUS_PATTERN)] = "occurred",
    since: DayQuery = None,
    until: DayQuery = None,
    edges: Annotated[int, Query(ge=1, le=500)] = 60,
) -> Network:
    """The busiest actor pairs, with cooperative and conflictual counts per pair."""
    first, last = date_range(since, until)
    found = state.store.network(status=status, since=first, until=last, limit=edges)
    totals: dict[str, int] = {}
    for e in found:
        totals[e.source] = totals.get(e.source, 0) + e.events
        totals[e.target] = totals.get(e.target, 0) + e.events
    names = state.store.code_names(sorted(totals))
    return Network(
        nodes=[NetworkNode(code=c, name=names.get(c), events=n) for c, n in sorted(totals.items())],
        edges=[NetworkEdge(source=e.source, target=e.target, events=e.events,
                           cooperative=e.cooperative, conflictual=e.conflictual, net=e.net)
               for e in found],
    )  # fmt: skip
