"""The word lists that tell a trigger's sides apart, read from ``data/actors/sides.toml``.

They are data, not code, so that a user can extend them (see the file's comments for what
each list does); the loader checks the file's shape and names what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from equipoise.actors.wordfiles import word_sets


@dataclass(frozen=True, slots=True)
class SideWords:
    partners: frozenset[str]
    investing: frozenset[str]
    documents: frozenset[str]
    naming: frozenset[str]
    joining: frozenset[str]
    hosting: frozenset[str]
    receiving: frozenset[str]
    topics: frozenset[str]
    host_participles: frozenset[str]
    listing: frozenset[str]
    material_types: frozenset[str]


@lru_cache(maxsize=1)
def side_words(path: Path | None = None) -> SideWords:
    """``sides.toml``, checked: every list present, words only, real event types."""
    path = path or Path(str(resources.files("equipoise.data") / "actors" / "sides.toml"))
    return word_sets(SideWords, path, ("material_types",))
