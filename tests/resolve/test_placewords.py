"""The place word lists file of the coder: shipped and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.coding.placewords import place_words
from equipoise.errors import DataFileError

SHIPPED = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "places" / "whereabouts.toml"


def test_shipped_lists_load() -> None:
    words = place_words()
    assert "ASSAULT" in words.target_located and "CONSULT" in words.meeting_types
    assert "airport" in words.facility_words and "in" in words.place_preps


def test_a_missing_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "whereabouts.toml"
    path.write_text('trip_nouns = ["visit"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        place_words.__wrapped__(path)


def test_an_unknown_event_type_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "whereabouts.toml"
    text = SHIPPED.read_text("utf-8").replace('"COERCE"]', '"COERCION"]')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="COERCION"):
        place_words.__wrapped__(path)
