"""The reference word lists file: shipped and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.actors.referencewords import reference_words
from equipoise.errors import DataFileError

SHIPPED = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "actors" / "references.toml"


def test_shipped_lists_load() -> None:
    words = reference_words()
    assert "heads" in words.plural_references and "heads" in words.group_heads
    assert "they" in words.plural_pronouns and "align" in words.affiliations


def test_a_missing_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "references.toml"
    path.write_text('pronouns = ["he"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        reference_words.__wrapped__(path)


def test_an_empty_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "references.toml"
    text = SHIPPED.read_text("utf-8").replace('pronouns = ["he", "she", "him"]', "pronouns = []")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="non-empty"):
        reference_words.__wrapped__(path)
