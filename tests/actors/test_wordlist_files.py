"""The packaged word-list files of the actor and coding steps: shipped and checked.

One parametrised check per file: the shipped file loads with words each step relies on,
a file missing lists is refused, and a broken entry is named in the error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from equipoise.actors.referencewords import reference_words
from equipoise.coding.placewords import place_words
from equipoise.coding.sidewords import side_words
from equipoise.errors import DataFileError

DATA = Path(__file__).parents[2] / "src" / "equipoise" / "data"


class WordFile(NamedTuple):
    loader: Callable[..., Any]
    shipped: Path
    expected: dict[str, str]  # list name -> a word the steps rely on
    lone_list: str  # a file holding only this list is refused
    broken: tuple[str, str, str]  # (text, replacement, what the error names)


FILES = {
    "references": WordFile(
        reference_words, DATA / "actors" / "references.toml",
        {"plural_references": "heads", "group_heads": "heads", "plural_pronouns": "they",
         "affiliations": "align"},
        'pronouns = ["he"]\n',
        ('pronouns = ["he", "she", "him"]', "pronouns = []", "non-empty")),
    "sides": WordFile(
        side_words, DATA / "actors" / "sides.toml",
        {"investing": "invest", "documents": "communique", "material_types": "COERCE",
         "hosting": "host"},
        'investing = ["invest"]\n',
        ('"SANCTION"]', '"SANCTIONS"]', "SANCTIONS")),
    "whereabouts": WordFile(
        place_words, DATA / "places" / "whereabouts.toml",
        {"target_located": "ASSAULT", "meeting_types": "CONSULT",
         "facility_words": "airport", "place_preps": "in"},
        'trip_nouns = ["visit"]\n',
        ('"COERCE"]', '"COERCION"]', "COERCION")),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_shipped_lists_load(name: str) -> None:
    spec = FILES[name]
    words = spec.loader()
    for key, word in spec.expected.items():
        assert word in getattr(words, key), (key, word)


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_missing_list_is_reported(tmp_path: Path, name: str) -> None:
    spec = FILES[name]
    path = tmp_path / spec.shipped.name
    path.write_text(spec.lone_list, encoding="utf-8")
    with pytest.raises(DataFileError, match="expected the lists"):
        spec.loader.__wrapped__(path)


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_broken_entry_is_named(tmp_path: Path, name: str) -> None:
    spec = FILES[name]
    text, replacement, named = spec.broken
    shipped = spec.shipped.read_text("utf-8")
    assert text in shipped, f"the test's anchor {text!r} is gone from {spec.shipped.name}"
    path = tmp_path / spec.shipped.name
    path.write_text(shipped.replace(text, replacement), encoding="utf-8")
    with pytest.raises(DataFileError, match=named):
        spec.loader.__wrapped__(path)
