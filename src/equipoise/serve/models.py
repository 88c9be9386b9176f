"""Pydantic models of the JSON the API returns and accepts (the HTTP edge only).

Where the library has a record for a result (``BalancePeriod``, ``Meeting``,
``Sequence``, ``EventPlace``), a response field is typed ``FromRecord[TheRecord]``: the
schema and validation come from a model derived from the record's fields
(``record_model``), so a field added to the record reaches the API and its OpenAPI
schema with no copy, routes pass the records as they are, and mypy sees the record type.
``EventOut`` mirrors the output contract (``Event.to_dict``); a test keeps the two
equal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import types
import typing
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    create_model,
    model_validator,
)
from pydantic_core import CoreSchema

from equipoise.analyse.balance import BalancePeriod
from equipoise.analyse.sequences import Sequence
from equipoise.store import EventPlace

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:~@+\-]{0,199}$"


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Record(_Out):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


_MODELS: dict[type[Any], type[BaseModel]] = {}


def record_model(record: type[Any]) -> type[BaseModel]:
    """``{Record}Out``: a response model with the fields of a library record (a dataclass).

    Type hints are resolved in the record's module: a field named like its type
    (``date: date``) would otherwise resolve to the field itself, which is why pydantic
    cannot take such a record as it is. Records inside records are derived too. Cached,
    so each record has one model (one OpenAPI schema).
    """
    if record in _MODELS:
        return _MODELS[record]
    namespace = vars(sys.modules[record.__module__])
    hints = typing.get_type_hints(record, globalns=namespace, localns=namespace)
    fields: dict[str, Any] = {f.name: (_derived(hints[f.name]), ...)
                              for f in dataclasses.fields(record)}
    model: type[BaseModel] = create_model(
        f"{record.__name__}Out", __base__=_Record, __doc__=record.__doc__, **fields)
    return _MODELS.setdefault(record, model)


def _derived(hint: Any) -> Any:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return record_model(hint)
    args = typing.get_args(hint)
    swapped = tuple(_derived(a) for a in args)
    if swapped == args:  # no record inside (str | None, tuple[str, ...], ...)
        return hint
    origin = typing.get_origin(hint)
    return typing.Union[swapped] if origin is types.UnionType else origin[swapped]  # noqa: UP007


class _FromRecord:
    """The pydantic schema of ``Annotated[Record, _FromRecord()]``: the derived model's."""

    def __get_pydantic_core_schema__(self, source: type[Any],
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return handler.generate_schema(record_model(source))


R = TypeVar("R")
# A response field holding a library record: typed as the record, served as its model.
FromRecord = Annotated[R, _FromRecord()]


class ErrorBody(_Out):
    code: str
    message: str
    status: int


class ErrorOut(_Out):
    error: ErrorBody


class Health(_Out):
    status: str
    version: str
    store: str
    schema_version: int


class ActorOut(_Out):
    text: str = ""
    name: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    title: str | None = None


class LocationOut(_Out):
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class EvidenceOut(_Out):
    text: str
    start: int
    end: int


class EventOut(_Out):
    id: str
    article_id: str
    event_type: str
    mode: str | None = None
    contexts: list[str] = []
    status: str
    actor: list[ActorOut] = []
    recipient: list[ActorOut] = []
    date: dt.date | None = None
    date_precision: str | None = None
    location: LocationOut | None = None
    evidence: EvidenceOut
    evidence_spans: list[EvidenceOut] = []
    confidence: float = 0.5
    quad: int = 0
    intensity: float = 0.0


class EventPage(_Out):
    items: list[EventOut]
    total: int
    page: int
    page_size: int


class ArticleOut(_Out):
    id: str
    title: str | None
    url: str | None
    published: dt.date | None
    # where ``published`` came from: input | html | url | text | default (None: not kept)
    published_source: str | None = None
    fetched_at: dt.datetime | None = None  # a fetched or archived page's capture time (UTC)
    outlet: str | None
    source: str
    language: str | None
    status: str
    error: str | None
    text: str
    events: list[EventOut]


class ActorHitOut(_Out):
    code: str
    name: str | None
    events: int


class ActorList(_Out):
    items: list[ActorHitOut]


class StoryOut(_Out):
    """One real-world event (a cluster of reports); ``mention_ids`` lead to the reports."""

    id: str
    event_type: str
    status: str
    dyad: str
    actors: list[str]
    recipients: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    place: str | None
    mentions: int
    articles: int
    outlets: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    confidence: float | None
    article_ids: list[str]
    mention_ids: list[str]
    evidence: list[str | None]
    mention_articles: list[str]


class StoryPage(_Out):
    items: list[StoryOut]
    total: int
    page: int
    page_size: int


class ArticleHitOut(_Out):
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    events: int
    snippet: str | None


class ArticleSearchOut(_Out):
    items: list[ArticleHitOut]
    total: int
    page: int
    page_size: int


class MapOut(_Out):
    points: list[FromRecord[EventPlace]]
    events: int
    unplaced: int


class DictionaryEntryOut(_Out):
    kind: str
    code: str
    name: str
    title: str | None
    start: dt.date | None
    end: dt.date | None
    names: list[str]


class DictionaryList(_Out):
    items: list[DictionaryEntryOut]


class DyadCountOut(_Out):
    """A pair (source < target): events, and by direction (may overlap, see docs)."""

    source: str
    target: str
    events: int
    forward: int
    backward: int
    joint: int


class MonthTypeCount(_Out):
    month: str
    event_type: str
    events: int


class Summary(_Out):
    articles: int
    events: int
    articles_by_status: dict[str, int]
    events_by_type: dict[str, int]
    events_by_status: dict[str, int]
    first_date: dt.date | None
    last_date: dt.date | None
    by_month: list[MonthTypeCount]
    top_dyads: list[DyadCountOut]


class DyadRow(_Out):
    period: str
    start: dt.date
    end: dt.date
    direction: str
    events: int
    articles: int
    net_cooperation: float
    announced: int
    quads: list[int]
    types: dict[str, int]


class DyadSeries(_Out):
    a: str
    b: str
    by: str
    rows: list[DyadRow]


class BalanceOut(_Out):
    focal: str
    between: list[str]
    by: str
    window: int
    periods: list[FromRecord[BalancePeriod]]


class SequenceList(_Out):
    focal: str
    within: int
    items: list[FromRecord[Sequence]]


class NetworkNode(_Out):
    code: str
    name: str | None
    events: int


class NetworkEdge(_Out):
    source: str
    target: str
    events: int
    cooperative: int
    conflictual: int
    net: float = Field(description="(cooperative - conflictual) / events, from -1 to 1")


class Network(_Out):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class ArticleIn(BaseModel):
    """An article to code and store: ``text`` or ``html`` (exactly one), metadata optional."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    html: str | None = Field(default=None, min_length=1)
    id: str | None = Field(default=None, pattern=ID_PATTERN)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    outlet: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class StoredOut(_Out):
    article_id: str
    status: str
    reason: str | None
    events: list[EventOut]
