"""The table's loader and comparison rules, on hand-built events (no pipeline)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from equipoise.models import Actor, Event, Evidence, Location

from .table import Row, TableError, load_rows, problems

PUB = "2025-11-12"


def event(kind: str, actors: list[str], recipients: list[str], *, status: str = "occurred",
          day: date | None = None, country: str | None = None, mode: str | None = None
          ) -> Event:
    return Event(
        id="e", article_id="a", event_type=kind, status=status,  # type: ignore[arg-type]
        actor=tuple(Actor(text=c, country=c) for c in actors),
        recipient=tuple(Actor(text=c, country=c) for c in recipients),
        evidence=Evidence("x", 0, 1), mode=mode, date=day,
        location=Location(country=country) if country else None,
    )


def table(tmp_path: Path, *rows: dict[str, Any]) -> list[Row]:
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return load_rows(path)


def row(tmp_path: Path, *events: dict[str, Any], category: str = "type") -> Row:
    return table(tmp_path, {"id": "r", "category": category, "published": PUB, "text": "t",
                            "events": list(events)})[0]


def test_symmetric_parties_compare_the_union(tmp_path: Path) -> None:
    r = row(tmp_path, {"type": "CONSULT", "parties": ["KOR+JPN"]})
    assert problems(r, [event("CONSULT", ["JPN"], ["KOR"])]) == []
    assert problems(r, [event("CONSULT", ["KOR", "JPN"], [])]) == []
    assert problems(r, [event("CONSULT", ["KOR"], ["CHN"])])


def test_directed_parties_keep_their_sides(tmp_path: Path) -> None:
    r = row(tmp_path, {"type": "ACCUSE", "parties": ["CHN>JPN"]})
    assert problems(r, [event("ACCUSE", ["CHN"], ["JPN"])]) == []
    found = problems(r, [event("ACCUSE", ["JPN"], ["CHN"])])
    assert any(p.startswith("missing") for p in found)
    assert any(p.startswith("extra") for p in found)


def test_alternative_types_statuses_and_details(tmp_path: Path) -> None:
    r = row(tmp_path, {"type": "AGREE", "also": ["CONSULT"], "parties": ["KOR+JPN"],
                       "status": ["future"], "date": "2025-11-01..2025-11-30",
                       "country": "JPN", "mode": [None, "visit"]})
    good = event("CONSULT", ["KOR"], ["JPN"], status="future", day=date(2025, 11, 20),
                 country="JPN")
    assert problems(r, [good]) == []
    late = event("AGREE", ["KOR"], ["JPN"], status="future", day=date(2025, 12, 2),
                 country="JPN")
    assert problems(r, [late]) == ["wrong: AGREE/CONSULT JPN+KOR future: date 2025-12-02 "
                                   "not in 2025-11-01..2025-11-30"]
    assert problems(r, [event("AGREE", ["KOR"], ["JPN"], day=date(2025, 11, 20),
                              country="JPN")])


def test_negative_rows_tolerate_only_unclaimed_events(tmp_path: Path) -> None:
    r = row(tmp_path, category="negative")
    assert problems(r, []) == []
    assert problems(r, [event("CONSULT", ["KOR"], ["PRK"], status="hypothetical")]) == []
    assert problems(r, [event("CONSULT", ["KOR"], ["PRK"], status="future")])


def test_optional_events_are_neither_required_nor_extra(tmp_path: Path) -> None:
    r = row(tmp_path, {"type": "ACCUSE", "parties": ["PHL>CHN"]},
            {"type": "COERCE", "parties": ["CHN>PHL"], "optional": True})
    assert problems(r, [event("ACCUSE", ["PHL"], ["CHN"])]) == []
    assert problems(r, [event("ACCUSE", ["PHL"], ["CHN"]), event("COERCE", ["CHN"], ["PHL"])]
                    ) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "r", "category": "typo", "published": PUB, "text": "t", "events": []},
        {"id": "r", "category": "negative", "published": PUB, "text": "t",
         "events": [{"type": "CONSULT", "parties": ["KOR+JPN"]}]},
        {"id": "r", "category": "type", "published": PUB, "text": "t", "events": []},
        {"id": "r", "category": "type", "published": PUB, "text": "t",
         "events": [{"type": "MEET", "parties": ["KOR+JPN"]}]},
        {"id": "r", "category": "type", "published": PUB, "text": "t",
         "events": [{"type": "CONSULT", "parties": ["KOR+JPN"], "when": "today"}]},
        {"id": "r", "category": "type", "text": "t", "events": []},
        {"id": "r", "category": "negative", "published": PUB, "text": "t", "events": [],
         "kind": "grammar"},
    ],
)
def test_malformed_rows_are_rejected_with_their_line(tmp_path: Path, bad: dict[str, Any]
                                                     ) -> None:
    with pytest.raises(TableError, match=r"t\.jsonl:1"):
        table(tmp_path, bad)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    one = {"id": "r", "category": "negative", "published": PUB, "text": "t", "events": []}
    with pytest.raises(TableError, match="duplicate"):
        table(tmp_path, one, one)


def test_rows_carry_their_kind_of_construction(tmp_path: Path) -> None:
    one = {"id": "r", "category": "negative", "published": PUB, "text": "t", "events": [],
           "kind": "nominal"}
    assert table(tmp_path, one)[0].kind == "nominal"
