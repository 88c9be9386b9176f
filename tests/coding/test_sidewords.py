"""The side word lists file: shipped and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.coding.sidewords import side_words
from equipoise.errors import DataFileError

SHIPPED = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "actors" / "sides.toml"


def test_shipped_lists_load() -> None:
    words = side_words()
    assert "invest" in words.investing and "communique" in words.documents
    assert "COERCE" in words.material_types and "host" in words.hosting


def test_a_missing_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sides.toml"
    path.write_text('investing = ["invest"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        side_words.__wrapped__(path)


def test_an_unknown_event_type_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sides.toml"
    text = SHIPPED.read_text("utf-8").replace('"SANCTION"]', '"SANCTIONS"]')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="SANCTIONS"):
        side_words.__wrapped__(path)
