"""The words that mark a name as no party: the shipped file and its check."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.actors.nonparties import nonparty_words
from equipoise.errors import DataFileError

SHIPPED = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "actors" / "nonparties.toml"


def test_shipped_lists_load() -> None:
    words = nonparty_words()
    assert {"discuss", "debate"} <= words.topic_verbs
    assert {"strike", "attack"} <= words.attacks


def test_an_unknown_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nonparties.toml"
    path.write_text(SHIPPED.read_text("utf-8") + '\ncargo = ["crude"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        nonparty_words.__wrapped__(path)


def test_an_empty_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nonparties.toml"
    path.write_text('topic_verbs = []\nattacks = ["strike"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="non-empty"):
        nonparty_words.__wrapped__(path)

