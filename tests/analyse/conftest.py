"""Hand-built event stores for the analysis tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pytest

from equipoise.store.db import Store

_ORGS = {"EU", "UN", "ASEAN", "NATO", "G7", "G20", "APEC"}


@dataclass(frozen=True)
class P:
    """One participant: a code and, optionally, a title."""

    code: str
    title: str | None = None


@dataclass(frozen=True)
class Ev:
    id: str
    event_type: str
    day: date | None
    actors: Sequence[P]
    recipients: Sequence[P] = ()
    status: str = "occurred"
    mode: str | None = None
    article: str | None = None
    quad: int | None = None
    intensity: float = 0.0
    place: str | None = None
    evidence: str = "evidence"
    contexts: Sequence[str] = field(default_factory=tuple)
    precision: str | None = None


def _insert_event(con: duckdb.DuckDBPyConnection, e: Ev) -> None:
    article = e.article or f"art-{e.id}"
    con.execute(
        "INSERT INTO articles (id, status, text) VALUES (?, 'coded', 'text')"
        " ON CONFLICT DO NOTHING",
        [article],
    )
    con.execute(
        "INSERT INTO events (id, article_id, event_type, mode, contexts, status, date, place,"
        " evidence_text, quad, intensity, date_precision)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            e.id,
            article,
            e.event_type,
            e.mode,
            list(e.contexts),
            e.status,
            e.day,
            e.place,
            e.evidence,
            e.quad,
            e.intensity,
            e.precision,
        ],
    )
    people = [("actor", p) for p in e.actors] + [("recipient", p) for p in e.recipients]
    for position, (role, p) in enumerate(people):
        is_org = p.code in _ORGS
        con.execute(
            "INSERT INTO participants (event_id, role, position, code, country, org, title)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                e.id,
                role,
                position,
                p.code,
                None if is_org else p.code,
                p.code if is_org else None,
                p.title,
            ],
        )


def build_store(path: Path, events: Sequence[Ev]) -> Path:
    with Store(path).connect() as con:
        for e in events:
            _insert_event(con, e)
    return path


Connect = Callable[..., duckdb.DuckDBPyConnection]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Connect]:
    """Build a fresh store from events and open it read-only."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def make(events: Sequence[Ev], *, merge: bool = False) -> duckdb.DuckDBPyConnection:
        path = build_store(tmp_path / f"store{len(opened)}.duckdb", events)
        if merge:
            Store(path).merge_all()
        con = duckdb.connect(str(path), read_only=True)
        opened.append(con)
        return con

    yield make
    for con in opened:
        con.close()
