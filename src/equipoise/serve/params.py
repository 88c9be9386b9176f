"""Shared request parameter types and the per-app state routes read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Path, Query, Request

from equipoise.config import Settings
from equipoise.models import EVENT_TYPES, PRECISIONS, STATUSES
from equipoise.serve.errors import ApiError
from equipoise.serve.models import ID_PATTERN
from equipoise.store import Store

CODE_PATTERN = r"^[A-Z0-9]{2,10}$"
PAIR_PATTERN = r"^[A-Z0-9]{2,10},[A-Z0-9]{2,10}$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# the event filters every route that lists events takes
TYPE_PATTERN = rf"^({'|'.join(EVENT_TYPES)})$"
STATUS_PATTERN = rf"^({'|'.join(STATUSES)})$"
PRECISION_PATTERN = rf"^({'|'.join(PRECISIONS)})$"
SECTOR_PATTERN = r"^[A-Za-z]{3}$"
SCOPE_PATTERN = r"^(domestic|international)$"
PERIODS = r"^(day|week|month|quarter|year)$"
MAX_PAGE_SIZE = 500

CodePath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Country (ISO alpha-3) or organisation code")
]
CodeQuery = Annotated[str | None, Query(pattern=CODE_PATTERN)]
IdPath = Annotated[str, Path(pattern=ID_PATTERN)]
DayQuery = Annotated[str | None, Query(pattern=DAY_PATTERN, description="YYYY-MM-DD")]
ByQuery = Annotated[str, Query(pattern=PERIODS)]


@dataclass(frozen=True, slots=True)
class ServeState:
    """What every request needs: the store handle, settings and the write token."""

    store: Store
    settings: Settings
    write_token: str | None


def state_of(request: Request) -> ServeState:
    state = request.app.state.equipoise
    assert isinstance(state, ServeState)
    return state


def day(name: str, value: str | None) -> date | None:
    """An ISO date parameter, or 422 naming the parameter when it is not a real day."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, f"query.{name}: {value!r} is not a calendar date (YYYY-MM-DD)"
        ) from None


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    first, last = day("since", since), day("until", until)
    if first and last and first > last:
        raise ApiError(422, f"query.since: {first} is after until {last}")
    return first, last


def pair(name: str, value: str) -> tuple[str, str]:
    a, b = value.split(",")
    if a == b:
        raise ApiError(422, f"query.{name}: needs two different codes, got {value!r}")
    return a, b
