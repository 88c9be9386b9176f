"""The watch job against a local site: new items, 304s, failures with reasons, backoff."""

from __future__ import annotations

import functools
import threading
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

import equipoise.watch as watch_module
from equipoise.config import Settings
from equipoise.errors import ConfigError
from equipoise.ingest.web.sources import Feed
from equipoise.store.db import Store
from equipoise.store.feeds import list_feeds
from equipoise.watch import feed_urls, parse_interval, poll_round, watch
from tests.webserver import Page, Site, rss

from .conftest import NewsSite


def _one_round(feeds: list[str], settings: Settings) -> watch_module.RoundSummary:
    [summary] = watch(feeds, settings=settings, store=Store(settings.db), every=0.0, once=True)
    return summary


def _round(feed: str, settings: Settings, store: Store, every: float
           ) -> watch_module.RoundSummary:
    """One round over ``feed`` with this interval, as a watcher restarted with it would."""
    return poll_round([feed], settings=settings, store=store, every=every,
                      stop=threading.Event())


def _articles(settings: Settings) -> list[tuple[str, str, str | None]]:
    with duckdb.connect(settings.db, read_only=True) as con:
        return con.execute("SELECT id, status, error FROM articles ORDER BY id").fetchall()


def test_new_items_between_polls_are_picked_up_within_one_poll(
        news: NewsSite, watch_settings: Settings) -> None:
    news.publish(3)
    first = _one_round([news.feed], watch_settings)
    assert (first.new, first.articles) == (1, 3)
    news.publish(2)
    second = _one_round([news.feed], watch_settings)
    assert (second.new, second.items, second.articles) == (1, 2, 2)
    assert news.page_requests() == 5  # no page fetched twice
    ids = [row[0] for row in _articles(watch_settings)]
    assert ids == sorted(f"item-{n}" for n in range(5))
    with duckdb.connect(watch_settings.db, read_only=True) as con:
        fetched = con.execute("SELECT count(*) FROM articles WHERE fetched_at IS NOT NULL "
                              "AND url LIKE 'http://127.0.0.1:%/news/%'").fetchone()
    assert fetched == (5,)


def test_an_unchanged_feed_answers_304_and_is_not_parsed(
        news: NewsSite, watch_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    news.publish(2)
    _one_round([news.feed], watch_settings)
    parsed: list[str] = []
    real = watch_module.parse_feed

    def counting(content: bytes, url: str) -> Feed:
        parsed.append(url)
        return real(content, url)

    monkeypatch.setattr(watch_module, "parse_feed", counting)
    again = _one_round([news.feed], watch_settings)
    assert (again.unchanged, again.items) == (1, 0)
    assert parsed == []
    last = news.site.requests("/feed.xml")[-1]
    assert last.headers["if-none-match"] == '"v1"'
    [state] = list_feeds(Store(watch_settings.db))
    assert (state.polls, state.last_status, state.items) == (2, "unchanged", 2)


def test_each_failure_is_recorded_with_its_reason_and_the_rest_ingested(
        news: NewsSite, watch_settings: Settings, tmp_path: Path) -> None:
    site = news.site
    news.publish(2)
    bad = {
        "/e500": Page(b"oops", status=500),
        "/slow": Page(b"<p>late</p>", delay=2.5),
        "/loop": Page(status=302, headers={"Location": "/loop"}),
        "/huge": Page(stream_bytes=50_000_000),
        "/report.pdf": Page(b"%PDF-1.7", "application/pdf"),
        "/private/story": Page(b"<p>secret</p>"),
    }
    site.routes.update(bad)
    site.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    news.items += [(f"bad-{path}", site.url(path), "bad") for path in bad]
    site.routes["/feed.xml"] = Page(rss("Local News", news.items), "application/rss+xml")
    other = Site().start()
    try:
        other.routes["/down.xml"] = Page(b"oops", status=503)
        other.routes["/broken.xml"] = Page(b"<?xml version='1.0'?><rss><channel><item>",
                                           "application/rss+xml")
        feeds = [news.feed, other.url("/down.xml"), other.url("/broken.xml")]
        settings = watch_settings.with_overrides(fetch_max_bytes=5_000_000)
        summary = _one_round(feeds, settings)
    finally:
        other.stop()
    assert (summary.new, summary.failed, summary.articles) == (1, 2, 2)
    errors = {row[0]: row[2] for row in _articles(settings) if row[1] == "failed"}
    assert "HTTP 500" in errors["bad-/e500"]
    assert "timed out" in errors["bad-/slow"]
    assert "redirect loop" in errors["bad-/loop"]
    assert "too large" in errors["bad-/huge"]
    assert "application/pdf" in errors["bad-/report.pdf"]
    assert "robots.txt" in errors["bad-/private/story"]
    states = {s.url: s for s in list_feeds(Store(settings.db))}
    assert "HTTP 503" in (states[feeds[1]].last_error or "")
    assert "not a valid RSS or Atom feed" in (states[feeds[2]].last_error or "")
    assert states[feeds[1]].failures == 1 and states[feeds[0]].failures == 0


def test_the_watcher_keeps_running_through_failures_and_stops_on_request(
        news: NewsSite, watch_settings: Settings) -> None:
    news.publish(1)
    news.site.routes["/gone.xml"] = Page(b"oops", status=500)
    stop = threading.Event()
    rounds: list[watch_module.RoundSummary] = []

    def status(summary: watch_module.RoundSummary) -> None:
        rounds.append(summary)
        if len(rounds) == 1:
            news.publish(1)
        if len(rounds) == 2:
            stop.set()

    thread = threading.Thread(target=watch, args=([news.feed, news.site.url("/gone.xml")],),
                              kwargs={"settings": watch_settings, "every": 1.0, "stop": stop,
                                      "status": status, "store": Store(watch_settings.db)})
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert [r.articles for r in rounds] == [1, 1]
    assert [r.failed for r in rounds] == [1, 1]
    states = {s.url: s for s in list_feeds(Store(watch_settings.db))}
    assert states[news.site.url("/gone.xml")].failures == 2
    assert states[news.feed].failures == 0 and states[news.feed].items == 2


def test_a_failing_feed_backs_off_doubling_up_to_the_limit(
        site: Site, watch_settings: Settings) -> None:
    site.routes["/down.xml"] = Page(b"oops", status=500)
    store = Store(watch_settings.db)
    waits = []
    for _ in range(4):
        summary = poll_round([site.url("/down.xml")], settings=watch_settings.with_overrides(
            feed_max_backoff=250.0), store=store, every=60.0, stop=threading.Event())
        [state] = list_feeds(store)
        assert state.next_poll is not None and state.last_polled is not None
        waits.append(round((state.next_poll - state.last_polled).total_seconds() / 10) * 10)
        with duckdb.connect(str(store.path)) as con:  # make it due again
            con.execute("UPDATE feeds SET next_poll = NULL")
        assert summary.failed == 1
    assert waits == [60, 120, 240, 250]


def test_feed_lists_and_intervals_are_checked(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.urls"
    listing.write_text("# world\nhttp://a.example/rss\nhttp://a.example/rss\n")
    assert feed_urls([str(listing), "https://b.example/atom"]) == [
        "http://a.example/rss", "https://b.example/atom"]
    with pytest.raises(ConfigError, match="not an http"):
        feed_urls(["feeds.txt"])
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90
    with pytest.raises(ConfigError):
        parse_interval("soon")


def test_a_new_every_takes_effect_at_once(news: NewsSite, watch_settings: Settings) -> None:
    """A watcher restarted with a shorter --every does not wait out the old interval."""
    news.publish(1)
    store = Store(watch_settings.db)
    round_every = functools.partial(_round, news.feed, watch_settings, store)

    assert round_every(3600.0).due == 1
    hourly = round_every(3600.0)
    [state] = list_feeds(store)
    assert state.last_polled is not None and hourly.due == 0
    assert hourly.next_poll is not None
    assert hourly.next_poll.replace(tzinfo=None) - state.last_polled >= timedelta(minutes=59)
    shorter = round_every(60.0)  # polled a moment ago: not due yet, but within a minute
    assert shorter.due == 0 and shorter.next_poll is not None
    assert shorter.next_poll.replace(tzinfo=None) - state.last_polled <= timedelta(seconds=60)
    with duckdb.connect(str(store.path)) as con:  # the last poll was two minutes ago
        con.execute("UPDATE feeds SET last_polled = last_polled - INTERVAL 2 MINUTE")
    assert round_every(60.0).due == 1  # the stored next poll (in an hour) is not waited for
    assert round_every(3600.0).due == 0


def test_a_longer_every_takes_effect_at_once(news: NewsSite, watch_settings: Settings) -> None:
    """Restarted with a longer --every, the next poll is the last poll plus the new
    interval, not the time the shorter one had scheduled."""
    news.publish(1)
    store = Store(watch_settings.db)
    round_every = functools.partial(_round, news.feed, watch_settings, store)

    assert round_every(60.0).due == 1
    with duckdb.connect(str(store.path)) as con:  # polled two minutes ago, every minute
        con.execute("UPDATE feeds SET last_polled = last_polled - INTERVAL 2 MINUTE, "
                    "next_poll = next_poll - INTERVAL 2 MINUTE")
    [state] = list_feeds(store)
    assert state.last_polled is not None
    hourly = round_every(3600.0)
    assert hourly.due == 0  # the minute scheduled before is not kept
    assert hourly.next_poll is not None
    assert hourly.next_poll.replace(tzinfo=None) - state.last_polled == timedelta(hours=1)
    assert round_every(60.0).due == 1  # and back to a minute: due at once again


def test_a_feed_cut_short_by_a_stop_is_due_at_once_whatever_the_interval(
        news: NewsSite, watch_settings: Settings) -> None:
    news.publish(6)
    store = Store(watch_settings.db)
    stop = threading.Event()
    stop.set()  # stopped before any item was handled: the feed must be read again
    first = poll_round([news.feed], settings=watch_settings, store=store, every=3600.0,
                       stop=stop)
    assert first.stopped and first.items == 0
    again = poll_round([news.feed], settings=watch_settings, store=store, every=3600.0,
                       stop=threading.Event())
    assert (again.due, again.articles) == (1, 6)
