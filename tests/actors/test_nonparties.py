"""The words that mark a name as no party: the shipped file, its check, and their use."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.actors.nonparties import is_currency, nonparty_words
from equipoise.config import Settings
from equipoise.errors import DataFileError
from equipoise.nlp.pipeline import load_nlp

SHIPPED = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "actors" / "nonparties.toml"


def test_shipped_lists_load() -> None:
    words = nonparty_words()
    assert "discuss" in words.topic_verbs
    assert {"dollars", "euro", "yuan"} <= words.currencies


def test_an_unknown_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nonparties.toml"
    path.write_text(SHIPPED.read_text("utf-8") + '\ncargo = ["crude"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        nonparty_words.__wrapped__(path)


def test_an_empty_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nonparties.toml"
    path.write_text('topic_verbs = []\ncurrencies = ["dollar"]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="non-empty"):
        nonparty_words.__wrapped__(path)


def test_a_currency_head_is_told_from_a_country(settings: Settings) -> None:
    nlp = load_nlp(settings.spacy_model)
    doc = nlp("Tokyo pledged 300 million U.S. dollars to the United States.")
    heads = {t.text: is_currency(t) for t in doc}
    assert heads["dollars"] and not heads["States"]
