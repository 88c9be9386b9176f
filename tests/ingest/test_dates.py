"""Publication dates in the forms sources use."""

from __future__ import annotations

from datetime import date

import pytest

from equipoise.ingest._dates import parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-14", date(2026, 1, 14)),
        ("2026-01-14T23:30:00+09:00", date(2026, 1, 14)),
        ("2026-01-14T08:30:00Z", date(2026, 1, 14)),
        ("2026-01-14 08:30 KST", date(2026, 1, 14)),
        ("Wed, 14 Jan 2026 08:30:00 +0000", date(2026, 1, 14)),
        ("Wed, 14 Jan 2026 08:30:00 GMT", date(2026, 1, 14)),
        ("January 14, 2026", date(2026, 1, 14)),
        ("Jan 14, 2026", date(2026, 1, 14)),
        ("14 January 2026", date(2026, 1, 14)),
        ("January 14th, 2026", date(2026, 1, 14)),
        ("2026/01/14", date(2026, 1, 14)),
        ("Wednesday, January 14, 2026", date(2026, 1, 14)),
    ],
)
def test_common_forms(text: str, expected: date) -> None:
    assert parse_published(text) == expected


@pytest.mark.parametrize("value", ["", "soon", "03/04/2026", "2026-13-45", None, 20260114])
def test_unreadable_or_ambiguous_is_none(value: object) -> None:
    assert parse_published(value) is None
