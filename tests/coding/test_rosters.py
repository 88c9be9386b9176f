"""The gathering words file: shipped and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.coding.rosters import load_gathering_words
from equipoise.errors import DataFileError


def test_shipped_words_load() -> None:
    words = load_gathering_words()
    assert "summit" in words.cues and "leaders" in words.group_heads
    assert "," in words.separators and "make" in words.membership


def test_a_missing_list_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "gatherings.toml"
    path.write_text('cues = ["summit"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gatherings\.toml"):
        load_gathering_words.__wrapped__(path)
