"""URLs to raw documents: a page is one document, a feed brings in the pages it links.

Inputs are URLs given on the command line and ``.urls`` files that list them (one a
line, ``#`` starts a comment). A URL that answers with RSS or Atom is a feed: each of
its items' linked pages is fetched in turn. Every URL that cannot be fetched or read
becomes a ``Failure`` with its reason and the next one is tried.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax import SAXException

import feedparser

from equipoise.errors import InputError
from equipoise.ingest._dates import parse_published
from equipoise.ingest._decode import decode_bytes
from equipoise.ingest.web.fetch import FEED_TYPES, Fetched, Fetcher, FetchError
from equipoise.models import Failure, RawDocument, RawFormat

__all__ = [
    "Feed",
    "FeedItem",
    "is_url",
    "item_document",
    "item_failure",
    "iter_url_inputs",
    "looks_like_feed",
    "page_document",
    "parse_feed",
    "read_url_list",
]

STAGE = "fetch"
URL_LIST_SUFFIX = ".urls"
# Markup is kept up to this many times the article cap (as for files; see readers.py).
MARKUP_FACTOR = 10


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed: ``key`` (its guid, else its link) tells items apart across polls."""

    key: str
    link: str | None
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: tuple[FeedItem, ...]


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def is_url_list(path: str) -> bool:
    return path.lower().endswith(URL_LIST_SUFFIX)


def read_url_list(path: str | Path) -> Iterator[str | Failure]:
    """The URLs listed in a file; a line that is not a URL is a failure of its own."""
    try:
        text = decode_bytes(Path(path).read_bytes())
    except OSError as exc:
        yield Failure(str(path), "ingest", f"cannot read: {exc.strerror or exc}")
        return
    except InputError as exc:
        yield Failure(str(path), "ingest", str(exc))
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            yield line
        else:
            yield Failure(f"{path}:{number}", "ingest",
                          f"line {number} is not an http(s) URL: {line[:80]!r}")


def looks_like_feed(answer: Fetched) -> bool:
    """A feed by its content type, or (for servers that say text/html or nothing) its start."""
    if answer.media_type in FEED_TYPES:
        return True
    head = answer.content[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head


def parse_feed(content: bytes, url: str) -> Feed:
    """The items of an RSS or Atom document; ``InputError`` when it is neither."""
    parsed = feedparser.parse(content)
    why = parsed.get("bozo_exception")
    # feedparser reads on through broken XML; a feed that is not well-formed is refused
    # rather than half read (benign complaints, like a wrong charset label, are not).
    broken = isinstance(why, SAXException)
    if broken or (not parsed.entries and (why or not parsed.get("version"))):
        raise InputError(f"{url}: not a valid RSS or Atom feed{f' ({why})' if why else ''}")
    entries = list(parsed.entries)
    title = parsed.feed.get("title") or None
    return Feed(title=title, items=tuple(_item(e) for e in entries))


def _item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    key = entry.get("id") or link or entry.get("title") or ""
    return FeedItem(key=str(key), link=link, title=entry.get("title") or None,
                    published=parse_published(entry.get("published") or entry.get("updated")))


def page_document(answer: Fetched, *, max_chars: int, item: FeedItem | None = None,
                  outlet: str | None = None) -> RawDocument:
    """A fetched page as a raw document: final URL, fetch time and the item's metadata."""
    body = _decode(answer)
    fmt: RawFormat = "text" if answer.media_type == "text/plain" else "html"
    return RawDocument(
        source=answer.url,
        body=body[: max_chars * MARKUP_FACTOR if fmt == "html" else max_chars],
        fmt=fmt,
        id=item.key if item else None,
        title=item.title if item else None,
        url=answer.final_url,
        published=item.published if item else None,
        outlet=outlet,
        fetched_at=answer.fetched_at,
    )


def _decode(answer: Fetched) -> str:
    if answer.charset:
        try:
            text = answer.content.decode(answer.charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
                return text
    try:
        return decode_bytes(answer.content)
    except InputError as exc:
        raise FetchError(answer.url, str(exc)) from exc


def iter_url_inputs(urls: Iterable[str], fetcher: Fetcher, *, max_chars: int
                    ) -> Iterator[RawDocument | Failure]:
    """Every document behind ``urls``: pages as themselves, feeds as their items' pages."""
    for url in urls:
        try:
            answer = fetcher.get(url, accept="any")
            if not looks_like_feed(answer):
                yield page_document(answer, max_chars=max_chars)
                continue
            feed = parse_feed(answer.content, url)
        except InputError as exc:
            yield _failure(url, exc)
            continue
        for item in feed.items:
            yield fetch_item(item, fetcher, max_chars=max_chars, outlet=feed.title, feed=url)


def fetch_item(item: FeedItem, fetcher: Fetcher, *, max_chars: int, outlet: str | None,
               feed: str) -> RawDocument | Failure:
    """The page an item links to, or why it could not be had."""
    if not item.link:
        return Failure(f"{feed}#{item.key}", STAGE, "feed item has no link to fetch")
    try:
        return item_document(item, fetcher, max_chars=max_chars, outlet=outlet)
    except InputError as exc:
        return _failure(item.link, exc, article_id=item.key)


def item_document(item: FeedItem, fetcher: Fetcher, *, max_chars: int,
                  outlet: str | None) -> RawDocument:
    """The page an item links to; ``FetchError`` (or ``InputError``) when it cannot be had."""
    if not item.link:
        raise InputError(f"{item.key}: feed item has no link to fetch")
    answer = fetcher.get(item.link, accept="page")
    return page_document(answer, max_chars=max_chars, item=item, outlet=outlet)


def item_failure(url: str, exc: InputError, *, article_id: str | None = None) -> Failure:
    """A failure record for ``url`` with the reason, without repeating the URL."""
    return _failure(url, exc, article_id=article_id)


def _failure(url: str, exc: InputError, *, article_id: str | None = None) -> Failure:
    reason = exc.reason if isinstance(exc, FetchError) else str(exc).removeprefix(f"{url}: ")
    return Failure(source=url, stage=STAGE, reason=reason, article_id=article_id)
