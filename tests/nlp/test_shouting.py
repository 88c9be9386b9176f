"""Capitals for emphasis are read as words; acronyms and datelines stay as they are."""

from __future__ import annotations

import pytest

from equipoise.config import load_settings
from equipoise.nlp.pipeline import load_nlp, normalise_shouting, source_text


@pytest.mark.parametrize(("text", "read"), [
    ("A RUSSIAN court sentenced him", "A Russian court sentenced him"),
    ("THE PHILIPPINE COAST GUARD accused", "The Philippine Coast Guard accused"),
    ("US and NATO forces", "US and NATO forces"),
    ("UN OCHA said", "UN OCHA said"),
    ("SEOUL: The talks", "SEOUL: The talks"),
    ("NEW DELHI: External Affairs", "NEW DELHI: External Affairs"),
])
def test_runs_of_capitals_before_a_lower_case_word_are_title_cased(text: str, read: str) -> None:
    assert normalise_shouting(text) == read
    assert len(normalise_shouting(text)) == len(text)


def test_the_doc_keeps_the_stored_text() -> None:
    nlp = load_nlp(load_settings().spacy_model)
    text = "A RUSSIAN navy frigate sailed past Hokkaido on Monday."
    doc = nlp(text)
    assert source_text(doc) == text
    assert doc[1].text == "Russian" and doc[1].ent_type_ == "NORP"
    assert source_text(nlp("Plain text.")) == "Plain text."
