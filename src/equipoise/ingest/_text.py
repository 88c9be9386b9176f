"""Text normalisation shared by the plain-text and HTML paths.

The rule that makes both paths agree: a paragraph is a non-empty line, except that a
block of hard-wrapped lines (plain text cut at a fixed width) is joined into one;
paragraphs are separated by exactly one blank line ("\\n\\n").
"""

from __future__ import annotations

import re
import unicodedata

from equipoise.ingest._boilerplate import Boilerplate

_SPACES = re.compile(r"[^\S\n]+")
# Control characters (C0 but tab and newline, DEL, C1), zero-width marks and soft hyphens:
# invisible in a page, so they would only make plain and HTML copies differ.
_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\xad]")
_SENTENCE_END = tuple(".!?:;\"'”’)»")
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30
_WRAP_MIN, _WRAP_MAX = 40, 100


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _DROPPED.sub("", text)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_hard_wrapped(block: list[str]) -> bool:
    """Lines of similar width, mostly ending mid-sentence: a paragraph cut by an editor."""
    if len(block) < 3:
        return False
    body = block[:-1]
    if any(not _WRAP_MIN <= len(line) <= _WRAP_MAX for line in body):
        return False
    ended = sum(line.endswith(_SENTENCE_END) for line in body)
    return ended * 2 < len(body)


def paragraphs(text: str) -> list[str]:
    """The normalised paragraphs of ``text`` (see the module rule)."""
    out: list[str] = []
    for block in _blocks(_lines(text)):
        out.extend([" ".join(block)] if _is_hard_wrapped(block) else block)
    return out


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(" .:!?")


def drop_title(paras: list[str], title: str | None) -> list[str]:
    """Without a leading paragraph that repeats the title (unless nothing else is left)."""
    if title and len(paras) > 1 and _key(paras[0]) == _key(title):
        return paras[1:]
    return paras


def drop_boilerplate(paras: list[str], rules: Boilerplate) -> list[str]:
    return [p for p in paras if not rules.is_boilerplate(p)]


def leading_title(text: str) -> str | None:
    """The first line of a plain-text article when it looks like a headline."""
    lines = _lines(text[: _TITLE_MAX_CHARS * 4])
    if len(lines) < 2 or not lines[0]:
        return None
    first = lines[0]
    if len(first) > _TITLE_MAX_CHARS or len(first.split()) > _TITLE_MAX_WORDS:
        return None
    if first.endswith((".", ",", ";", ":")) or not any(line for line in lines[1:]):
        return None
    return first
