"""The word lists that tell where an event happened, read from
``data/places/whereabouts.toml``.

They are data, not code, so a user can extend them (the file's comments say what each
list does); the loader checks the file's shape, that the type lists hold PLOVER types,
and names what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from equipoise.actors.wordfiles import word_sets

TYPE_LISTS = ("target_located", "meeting_types")


@dataclass(frozen=True, slots=True)
class PlaceWords:
    target_located: frozenset[str]
    held_modes: frozenset[str]
    crowd_preps: frozenset[str]
    meeting_types: frozenset[str]
    signing_verbs: frozenset[str]
    territory_nouns: frozenset[str]
    trip_nouns: frozenset[str]
    place_preps: frozenset[str]
    channel_preps: frozenset[str]
    motion_verbs: frozenset[str]
    facility_words: frozenset[str]


@lru_cache(maxsize=1)
def place_words(path: Path | None = None) -> PlaceWords:
    """``whereabouts.toml``, checked: every list present, words only, real event types."""
    path = path or Path(str(resources.files("equipoise.data") / "places" / "whereabouts.toml"))
    return word_sets(PlaceWords, path, TYPE_LISTS)
