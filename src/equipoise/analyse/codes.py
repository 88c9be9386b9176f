"""Actor codes as users type them: checked, resolved from names, searched.

An unknown code used to return an empty answer that looked like "no engagement"; now it
is an error that names the closest known codes. Names ("South Korea", "Japan", "the
United Nations", a leader's name) resolve through the actor dictionary to their code.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from equipoise.actors.dictionary import ActorDictionary, Person
from equipoise.errors import NotFoundError

__all__ = ["ActorMatch", "CodeBook", "UnknownCodeError", "code_book"]

_SUGGESTIONS = 3


class UnknownCodeError(NotFoundError):
    """A code or name the actor dictionary does not know."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One line of ``equipoise actors``: a state, organisation or person and its code."""

    kind: str                 # country | organisation | person
    code: str
    name: str
    title: str | None = None
    start: date | None = None
    end: date | None = None
    names: tuple[str, ...] = ()


def _person_code(p: Person) -> str | None:
    return p.country or p.org


class CodeBook:
    """Every known code with its names, for checking, resolving and searching."""

    def __init__(self, actors: ActorDictionary) -> None:
        self.entries: list[ActorMatch] = [
            ActorMatch("country", c.code, c.name, names=(c.name, *c.names))
            for c in actors.countries.values()
        ] + [
            ActorMatch("organisation", o.code, o.name, names=(o.name, *o.names))
            for o in actors.organisations.values()
        ]
        self.people = [
            ActorMatch("person", code, p.name, p.title, p.start, p.end, p.names)
            for p in actors.people if (code := _person_code(p))
        ]  # fmt: skip
        self.codes = {e.code for e in self.entries}
        self.sectors = dict(actors.sectors)
        self._by_name: dict[str, set[str]] = {}
        for e in (*self.entries, *self.people):
            for n in e.names:
                self._by_name.setdefault(n.casefold(), set()).add(e.code)

    def resolve(self, text: str, *, what: str = "actor") -> str:
        """The code ``text`` stands for, or ``UnknownCodeError`` with suggestions."""
        cleaned = text.strip()
        if cleaned.upper() in self.codes:
            return cleaned.upper()
        found = self._by_name.get(cleaned.casefold().removeprefix("the "), set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise UnknownCodeError(f"{what} {text!r} is ambiguous: it names "
                                   f"{', '.join(sorted(found))}; give the code")
        raise UnknownCodeError(self._unknown_message(text, what))

    def sector(self, text: str) -> str:
        """The sector code ``text`` names (``cop``, ``COP``), or an error listing them all.

        An unknown sector would otherwise match no participant and look like an answer.
        """
        code = text.strip().upper()
        if code in self.sectors:
            return code
        known = ", ".join(f"{c} ({n})" for c, n in self.sectors.items())
        raise UnknownCodeError(f"unknown sector {text!r}; one of {known} (docs/actors.md)")

    def resolve_all(self, texts: Iterable[str], *, what: str = "actor") -> list[str]:
        return [self.resolve(t, what=what) for t in texts]

    def suggestions(self, text: str) -> list[str]:
        """The closest known codes, as ``CODE (Name)``."""
        names = {e.code: e.name for e in self.entries}
        codes = difflib.get_close_matches(text.strip().upper(), sorted(self.codes),
                                          n=_SUGGESTIONS, cutoff=0.3)
        by_name = difflib.get_close_matches(text.strip().casefold(), sorted(self._by_name),
                                            n=_SUGGESTIONS, cutoff=0.6)
        named = [c for name in by_name for c in sorted(self._by_name[name])]
        looks_like_code = text.strip().isupper() and len(text.strip()) <= 5
        codes = codes + named if looks_like_code else named + codes
        unique = list(dict.fromkeys(codes))[:_SUGGESTIONS]
        return [f"{c} ({names.get(c, c)})" for c in unique]

    def _unknown_message(self, text: str, what: str) -> str:
        hint = f"`equipoise actors {text.strip() or 'NAME'}` searches codes and names"
        close = self.suggestions(text)
        if not close:
            return f"unknown {what} {text!r}; {hint}"
        return f"unknown {what} {text!r}; did you mean {' or '.join(close)}? ({hint})"

    def search(self, query: str, *, limit: int | None = 50) -> list[ActorMatch]:
        """States, organisations and people whose code or a name contains ``query``.

        ``limit=None`` returns every match, so that a caller can say how many it shows.
        """
        key = query.strip().casefold()
        if not key:
            return []
        hits = [e for e in (*self.entries, *self.people)
                if key == e.code.casefold() or any(key in n.casefold() for n in e.names)]
        hits.sort(key=lambda e: (e.code.casefold() != key, e.kind == "person", e.code,
                                 e.start or date.min))  # fmt: skip
        return hits if limit is None else hits[:limit]


@functools.lru_cache(maxsize=8)
def _cached(files: tuple[str, ...]) -> CodeBook:
    return CodeBook(ActorDictionary.load(files))


def code_book(actor_files: Sequence[str | Path] = ()) -> CodeBook:
    """The code book of the shipped actor files plus the user's (cached per file list)."""
    return _cached(tuple(str(f) for f in actor_files))
