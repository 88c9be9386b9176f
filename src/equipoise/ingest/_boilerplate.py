"""The boilerplate phrase list: a data file of stock CMS strings and its matcher."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from equipoise.errors import DataFileError

_PREFIX_MARK = " ..."
_MAX_PHRASE = 200
_TRAILING = " .:!*"


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Phrases that make up a whole line of boilerplate (see ``data/boilerplate.txt``)."""

    phrases: tuple[str, ...]
    prefixes: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.phrases, self.prefixes)

    def is_boilerplate(self, line: str) -> bool:
        """True when ``line`` consists only of known phrases (and punctuation)."""
        return bool(line.strip()) and self.pattern.fullmatch(line.strip()) is not None


@lru_cache(maxsize=16)
def _compile(phrases: tuple[str, ...], prefixes: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so that "Leave a Reply Cancel reply" wins over "Leave a Reply".
    exact = [re.escape(p) for p in sorted(phrases, key=len, reverse=True)]
    starts = [re.escape(p) + r"\b.*" for p in sorted(prefixes, key=len, reverse=True)]
    unit = "|".join(starts + exact) or r"(?!)"
    return re.compile(rf"(?:(?:{unit})[\s.:!*|·•-]*)+", re.IGNORECASE)


def parse_boilerplate(text: str, where: str) -> Boilerplate:
    """Check and parse the phrase-list format; errors name ``where`` and the line."""
    phrases: list[str] = []
    prefixes: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line or line.startswith("#"):
            continue
        # Trailing marks are absorbed by the matcher, so "Comment *" also matches "Comment".
        line = line if line.endswith(_PREFIX_MARK) else line.rstrip(_TRAILING)
        _check_phrase(line, f"{where}:{number}", seen)
        if line.endswith(_PREFIX_MARK):
            prefixes.append(line[: -len(_PREFIX_MARK)])
        else:
            phrases.append(line)
    if not phrases and not prefixes:
        raise DataFileError(f"{where}: no phrases; add one phrase per line")
    return Boilerplate(tuple(phrases), tuple(prefixes))


def _check_phrase(line: str, where: str, seen: set[str]) -> None:
    if len(line) > _MAX_PHRASE:
        raise DataFileError(f"{where}: phrase longer than {_MAX_PHRASE} characters")
    if line == _PREFIX_MARK.strip() or (_PREFIX_MARK in line and not line.endswith(_PREFIX_MARK)):
        raise DataFileError(f"{where}: ' ...' may only end a phrase, after some words")
    key = line.casefold()
    if key in seen:
        raise DataFileError(f"{where}: duplicate phrase {line!r}")
    seen.add(key)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    """The shipped phrase list."""
    text = resources.files("equipoise.data").joinpath("boilerplate.txt").read_text("utf-8")
    return parse_boilerplate(text, "shipped boilerplate.txt")


def load_boilerplate(extra: Iterable[str | Path] = ()) -> Boilerplate:
    """The shipped list extended with the users' own files in the same format."""
    base = default_boilerplate()
    phrases, prefixes = list(base.phrases), list(base.prefixes)
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"boilerplate file {p}: cannot read ({exc})") from exc
        more = parse_boilerplate(text, str(p))
        phrases += [x for x in more.phrases if x.casefold() not in map(str.casefold, phrases)]
        prefixes += [x for x in more.prefixes if x.casefold() not in map(str.casefold, prefixes)]
    return Boilerplate(tuple(phrases), tuple(prefixes))
