"""Words that mark a name as no party: the topic of a discussion, the victim of an attack.

Real news names many states that take no part in the act it reports: "the two
presidents discussed the war in Sudan". (Currencies, "300 million U.S. dollars", are in
``references.toml``.) The lists are data (``data/actors/nonparties.toml``) so a user can
extend them; the loader checks the file's shape and names what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from equipoise.actors.wordfiles import word_sets

__all__ = ["NonPartyWords", "nonparty_words"]

@dataclass(frozen=True, slots=True)
class NonPartyWords:
    topic_verbs: frozenset[str]
    attacks: frozenset[str]


@lru_cache(maxsize=4)
def nonparty_words(path: Path | None = None) -> NonPartyWords:
    """``nonparties.toml``, checked: every list present and made of words."""
    path = path or Path(str(resources.files("equipoise.data") / "actors" / "nonparties.toml"))
    return word_sets(NonPartyWords, path)

