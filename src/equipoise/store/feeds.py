"""The state of followed feeds: validators, health, and the items already taken in.

``equipoise watch`` keeps it here so that a restart resumes where it stopped: an item
is marked seen only after its batch is stored (or after it failed for good), and a
feed's ETag / Last-Modified are kept only once every new item of that poll was
handled; otherwise the next poll reads the feed again and takes what is still unseen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from equipoise.store.db import Store
from equipoise.store.write import naive_utc

__all__ = ["FeedPollRecord", "FeedState", "list_feeds", "mark_seen", "record_poll",
           "seen_keys"]

_COLUMNS = ("url", "title", "etag", "last_modified", "polls", "last_polled", "last_success",
            "last_status", "last_error", "failures", "next_poll", "items")


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed as the store knows it (times in UTC, without a zone)."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polls: int = 0
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_status: str | None = None  # new | unchanged | failed
    last_error: str | None = None
    failures: int = 0
    next_poll: datetime | None = None
    items: int = 0


@dataclass(frozen=True, slots=True)
class FeedPollRecord:
    """What one poll of a feed did, to be stored.

    ``keep_validators`` is False when some new item was not handled (stopped, or a
    transient failure): the old validators stay so the next poll reads the feed again.
    """

    url: str
    status: str
    polled_at: datetime
    next_poll: datetime
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    taken: int = 0
    keep_validators: bool = True


def list_feeds(store: Store, urls: Sequence[str] | None = None) -> list[FeedState]:
    """Every known feed (or those of ``urls``, unknown ones as never polled), by URL."""
    with store.connect(read_only=True) as con:
        rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM feeds ORDER BY url").fetchall()
    known = {row[0]: FeedState(*row) for row in rows}
    if urls is None:
        return list(known.values())
    return [known.get(url) or FeedState(url) for url in urls]


def seen_keys(store: Store, url: str, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` were taken in from the feed at ``url`` before."""
    wanted = list(keys)
    if not wanted:
        return set()
    with store.connect() as con:
        rows = con.execute(
            "SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN "
            "(SELECT unnest(?::VARCHAR[]))", [url, wanted]).fetchall()
    return {row[0] for row in rows}


def mark_seen(store: Store, items: Sequence[tuple[str, str, str | None]],
              at: datetime) -> None:
    """Mark (feed URL, item key, link) as taken in, in one transaction."""
    if not items:
        return
    with store.connect() as con:
        con.begin()
        _insert_seen(con, items, at)
        con.commit()


def _insert_seen(con: duckdb.DuckDBPyConnection, items: Sequence[tuple[str, str, str | None]],
                 at: datetime) -> None:
    con.executemany(
        "INSERT INTO feed_items VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(feed, key, link, naive_utc(at)) for feed, key, link in items])


def record_poll(store: Store, poll: FeedPollRecord) -> None:
    """Store the outcome of one poll: health counters always, validators when complete."""
    failed = poll.status == "failed"
    with store.connect() as con:
        con.begin()
        con.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT DO NOTHING", [poll.url])
        con.execute(
            "UPDATE feeds SET polls = polls + 1, last_polled = ?, last_status = ?, "
            "last_error = ?, next_poll = ?, items = items + ?, "
            "failures = CASE WHEN ? THEN failures + 1 ELSE 0 END, "
            "last_success = CASE WHEN ? THEN last_success ELSE ? END, "
            "title = coalesce(?, title) WHERE url = ?",
            [naive_utc(poll.polled_at), poll.status, poll.error, naive_utc(poll.next_poll),
             poll.taken, failed, failed, naive_utc(poll.polled_at), poll.title, poll.url])
        if poll.keep_validators and not failed and poll.status != "unchanged":
            con.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                        [poll.etag, poll.last_modified, poll.url])
        con.commit()
