"""Paths to raw documents: text, HTML, JSON, JSON Lines and RSS/Atom feeds.

A bad file (or a bad line, or a bad feed entry) becomes a ``Failure`` and reading
goes on with the next one, so one broken input never stops a run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from equipoise.errors import InputError
from equipoise.ingest._dates import parse_published
from equipoise.ingest._decode import decode_bytes
from equipoise.ingest._text import leading_title
from equipoise.ingest.warc import WARC_SUFFIXES, is_warc, iter_warc
from equipoise.models import Failure, RawDocument, RawFormat

STAGE = "ingest"
Item = RawDocument | Failure
# Markup is cut far later than text: pages carry many times their text in scripts,
# navigation and attributes, and a cut at the text cap would lose the article body
# (the cleaned text is held to the cap by ``clean_document``).
MARKUP_FACTOR = 10


@dataclass(frozen=True, slots=True)
class _Source:
    """One file's bytes and decoded text, with the cap on body length."""

    name: str
    data: bytes
    text: str
    max_chars: int


def iter_documents(
    paths: Iterable[str | Path], *, max_chars: int = 200_000
) -> Iterator[RawDocument | Failure]:
    """Every document found under ``paths`` (files or folders), in a repeatable order."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for file in _walk(p):
                yield from _read_file(file, max_chars)
        elif p.is_file():
            if not _known(p):
                yield _fail(str(p), f"unsupported extension {p.suffix or '(none)'!r}; "
                            f"use one of {', '.join(sorted(KNOWN | set(WARC_SUFFIXES)))}")
            else:
                yield from _read_file(p, max_chars)
        elif p.exists():
            yield _fail(str(p), "not a regular file or folder")
        else:
            yield _fail(str(p), "no such file or folder")


def files_under(paths: Iterable[str | Path]) -> list[Path]:
    """The files ``iter_documents`` reads for ``paths``, in its order (folders walked);
    a path that is not a folder is listed as given, whatever it is."""
    out: list[Path] = []
    for path in paths:
        p = Path(path)
        out.extend(_walk(p) if p.is_dir() else [p])
    return out


def _walk(root: Path) -> Iterator[Path]:
    """Known-format files under ``root``, hidden ones skipped, sorted at every level."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(folder, name)
            if not name.startswith(".") and _known(file):
                yield file


def _known(path: Path) -> bool:
    return path.suffix.lower() in KNOWN or is_warc(path)


def _fail(source: str, reason: str) -> Failure:
    return Failure(source=source, stage=STAGE, reason=reason)


def _read_file(path: Path, max_chars: int) -> Iterator[Item]:
    if is_warc(path):
        yield from iter_warc(path, max_chars=max_chars)  # a record at a time
        return
    if path.suffix.lower() in STREAMED:
        yield from STREAMED[path.suffix.lower()](path, max_chars)  # a line at a time
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _fail(str(path), f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield _fail(str(path), str(exc))
        return
    yield from READERS[path.suffix.lower()](_Source(str(path), data, text, max_chars))


def _read_txt(src: _Source) -> Iterator[Item]:
    yield RawDocument(
        source=src.name, body=src.text[: src.max_chars], fmt="text", title=leading_title(src.text)
    )


def _read_html(src: _Source) -> Iterator[Item]:
    yield RawDocument(source=src.name, body=_cut(src.text, "html", src.max_chars), fmt="html")


def _read_json(src: _Source) -> Iterator[Item]:
    try:
        value = json.loads(src.text)
    except json.JSONDecodeError as exc:
        yield _fail(src.name, f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})")
        return
    if isinstance(value, list):
        for number, obj in enumerate(value, start=1):
            yield _from_object(obj, f"{src.name}#entry{number}", src.max_chars)
    else:
        yield _from_object(value, src.name, src.max_chars)


def _stream_jsonl(path: Path, max_chars: int) -> Iterator[Item]:
    """JSON Lines read line by line, so a corpus file of any size keeps memory flat."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _fail(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        seen = False
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen = True
            yield from _jsonl_line(raw, f"{path}:{number}", number, max_chars)
        if not seen:
            yield _fail(str(path), "empty file")


def _jsonl_line(raw: bytes, where: str, number: int, max_chars: int) -> Iterator[Item]:
    if b"\x00" in raw:
        yield _fail(where, f"line {number} holds binary data, not JSON")
        return
    try:
        line = decode_bytes(raw)
        obj = json.loads(line)
    except InputError as exc:
        yield _fail(where, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield _fail(where, f"line {number} is not valid JSON ({exc.msg}, column {exc.colno})")
        return
    yield _from_object(obj, where, max_chars)


def _cut(body: str, fmt: str, max_chars: int) -> str:
    return body[: max_chars * MARKUP_FACTOR if fmt == "html" else max_chars]


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"field {key!r} must be a string, not {type(value).__name__}")


def _from_object(obj: object, source: str, max_chars: int) -> Item:
    """One JSON article: ``text`` (or ``html``) and optional metadata fields."""
    if not isinstance(obj, dict):
        kind = type(obj).__name__
        return _fail(source, f"expected a JSON object with 'text' or 'html', got {kind}")
    try:
        text, html = _optional_str(obj, "text"), _optional_str(obj, "html")
        if not (text and text.strip()) and not (html and html.strip()):
            fields = ", ".join(sorted(map(str, obj))[:6]) or "none"
            raise InputError("not an article: a JSON article needs a 'text' or 'html' field "
                             f"with content (fields found: {fields})")
        fmt: RawFormat = "text" if text and text.strip() else "html"
        return RawDocument(
            source=source,
            body=_cut(text if fmt == "text" and text else html or "", fmt, max_chars),
            fmt=fmt,
            id=_optional_str(obj, "id"),
            title=_optional_str(obj, "title"),
            url=_optional_str(obj, "url"),
            published=parse_published(obj.get("published")),
            outlet=_optional_str(obj, "outlet"),
        )
    except InputError as exc:
        return _fail(source, str(exc))


def _read_feed(src: _Source) -> Iterator[Item]:
    # Bytes, not the decoded text: feedparser honours the XML encoding declaration.
    parsed = feedparser.parse(src.data)
    entries = list(parsed.entries)
    if not entries:
        why = getattr(parsed, "bozo_exception", None)
        yield _fail(src.name, f"no feed entries found{f' ({why})' if why else ''}; "
                    "expected an RSS or Atom feed")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(entries, start=1):
        yield _from_entry(entry, f"{src.name}#entry{number}", outlet, src.max_chars)


def _entry_body(entry: Any) -> str:
    """content:encoded (Atom content) when present, else the summary."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


_MARKUP = re.compile(r"<(p|div|br|article|span|a|h[1-6]|ul|li|section)\b", re.IGNORECASE)


def _looks_like_markup(body: str) -> bool:
    """Feed summaries are often plain text; only markup goes through the HTML cleaner."""
    return bool(_MARKUP.search(body))


def _from_entry(entry: Any, source: str, outlet: str | None, max_chars: int) -> Item:
    body = _entry_body(entry)
    if not body.strip():
        return _fail(source, "feed entry has no content or summary")
    fmt: RawFormat = "html" if _looks_like_markup(body) else "text"
    return RawDocument(
        source=source,
        body=_cut(body, fmt, max_chars),
        fmt=fmt,
        id=entry.get("id") or None,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        published=parse_published(entry.get("published") or entry.get("updated")),
        outlet=outlet,
    )


READERS: dict[str, Callable[[_Source], Iterator[Item]]] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".xml": _read_feed,
    ".rss": _read_feed,
    ".atom": _read_feed,
}


def count_inputs(paths: Iterable[str | Path]) -> int:
    """About how many documents ``iter_documents`` will yield, cheaply, for progress bars:
    lines of JSON Lines files, items of feeds, one per other file or missing path."""
    total = 0
    for path in paths:
        p = Path(path)
        files = list(_walk(p)) if p.is_dir() else [p]
        total += sum(_count_file(f) for f in files)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".xml", ".rss", ".atom"):
        return 1
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:  # counted a line at a time, like the reading
                return max(1, sum(1 for line in handle if line.strip()))
        data = path.read_bytes()
    except OSError:
        return 1
    return max(1, data.count(b"<item") + data.count(b"<entry"))


STREAMED: dict[str, Callable[[Path, int], Iterator[Item]]] = {".jsonl": _stream_jsonl}
KNOWN = frozenset(READERS) | frozenset(STREAMED)
