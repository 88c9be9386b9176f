"""The gathering words file: shipped and checked."""

from __future__ import annotations

from equipoise.coding.rosters import load_gathering_words


def test_shipped_words_load() -> None:
    words = load_gathering_words()
    assert "summit" in words.cues and "leaders" in words.group_heads
    assert "," in words.separators and "make" in words.membership

