"""The words that make a noun phrase a reference to actors named elsewhere, read from
``data/actors/references.toml``.

They are data, not code, so a user can extend them (the file's comments say what each
list does); the loader checks the file's shape and names what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from equipoise.actors.wordfiles import word_sets


@dataclass(frozen=True, slots=True)
class ReferenceWords:
    plural_references: frozenset[str]
    singular_distributive: frozenset[str]
    plural_markers: frozenset[str]
    pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    speaker_possessives: frozenset[str]
    plural_pronouns: frozenset[str]
    group_heads: frozenset[str]
    bare_heads: frozenset[str]
    not_bare: frozenset[str]
    not_government: frozenset[str]
    not_acts: frozenset[str]
    affiliations: frozenset[str]
    currencies: frozenset[str]
    honorifics: frozenset[str]


@lru_cache(maxsize=1)
def reference_words(path: Path | None = None) -> ReferenceWords:
    """``references.toml``, checked: every list present, non-empty, words only."""
    path = path or Path(str(resources.files("equipoise.data") / "actors" / "references.toml"))
    return word_sets(ReferenceWords, path)
