"""The coder against a table of short news sentences and the events they must yield.

Rows the coder cannot yet handle carry ``"xfail"`` in ``sentences.jsonl``; they are
strict, so a row that starts passing fails until its mark is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from equipoise.models import Event

from .table import CATEGORIES, Row, describe, load_rows, problems

# sentences.jsonl: the table grown with the coder; real_news.jsonl: constructions seen in
# real news pages (docs/phenomena.md), written by an engineer other than the coder's author.
# sectors.jsonl: actors beyond states, their sectors and domestic events (issue 12).
# actors_news.jsonl: who the parties are and where it happened, in constructions of real
# news (issue 10, third round).
TABLES = tuple(Path(__file__).with_name(n) for n in ("sentences.jsonl", "real_news.jsonl",
                                                     "sectors.jsonl", "actors_news.jsonl"))
ROWS = [row for table in TABLES for row in load_rows(table)]


def _param(row: Row) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
    return pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_row(row: Row, code_row: Callable[[Row], list[Event]]) -> None:
    events = code_row(row)
    found = problems(row, events)
    coded = "\n  ".join(describe(e) for e in events) or "(none)"
    assert not found, f"{row.text}\n{chr(10).join(found)}\ncoded:\n  {coded}"


def test_evidence_spans_point_into_the_text(code_row: Callable[[Row], list[Event]]) -> None:
    bad = [
        f"{row.id}: {span.start}:{span.end} {span.text!r}"
        for row in ROWS
        for event in code_row(row)
        for span in (event.evidence, *event.more_evidence)
        if row.text[span.start:span.end] != span.text or not span.text
    ]
    assert not bad, "\n".join(bad)


def test_row_ids_are_unique_across_tables() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


def test_table_covers_every_type_and_category() -> None:
    assert len(ROWS) >= 250
    per_type: dict[str, int] = {}
    for row in ROWS:
        if row.category == "type":
            first = row.events[0].types[0]
            per_type[first] = per_type.get(first, 0) + 1
    thin = {t: n for t, n in per_type.items() if n < 8}
    assert len(per_type) == 16 and not thin, per_type
    categories = {r.category for r in ROWS}
    assert categories == set(CATEGORIES)
    assert sum(r.category == "negative" for r in ROWS) >= 40
