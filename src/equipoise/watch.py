"""The ``watch`` job: poll feeds on a schedule and ingest what is new, resumably.

Each round polls the feeds that are due with a conditional GET (an unchanged feed
answers 304 and is not parsed), keeps the items not taken in before, and hands their
pages to the one ingest job (``job.ingest_documents``), which cleans, codes and stores
them batch by batch. An item is marked seen only after its batch is stored, and a
feed's validators are kept only when all its new items were handled, so a watcher
killed at any point and started again loses nothing and stores nothing twice (a page
fetched again after a kill is found in the store by its item id and not re-coded).
A failing feed is polled again after a doubling wait; a host that fails is left alone
for the rest of the round. ``stop`` ends the loop after the batch in hand is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from equipoise.config import Settings
from equipoise.errors import ConfigError, EquipoiseError, InputError
from equipoise.ingest.web.fetch import Fetcher, FetchError, FetchOptions, Validators
from equipoise.ingest.web.sources import (
    FeedItem,
    is_url,
    is_url_list,
    item_document,
    item_failure,
    parse_feed,
    read_url_list,
)
from equipoise.job import ingest_documents
from equipoise.models import Failure, RawDocument
from equipoise.store import (
    FeedPollRecord,
    FeedState,
    Store,
    list_feeds,
    mark_seen,
    record_poll,
    seen_keys,
)

__all__ = ["RoundSummary", "Watcher", "feed_urls", "parse_interval", "poll_round", "watch"]

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
# A host that fails this many requests in a round (5xx, timeouts, network errors) is
# left alone for the rest of the round; its feeds and items wait for the next one.
HOST_FAILURES_PER_ROUND = 3
# A round that could not run at all (the store busy, say) is tried again this soon.
ERROR_RETRY_SECONDS = 30.0


@dataclass(slots=True)
class RoundSummary:
    """What one round did: feeds by outcome, items taken in, articles and events stored."""

    started: datetime
    due: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    deferred: int = 0
    items: int = 0
    articles: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    next_poll: datetime | None = None
    stopped: bool = False
    error: str | None = None  # why the round could not run (it is tried again)


Status = Callable[[RoundSummary], None]


@dataclass(slots=True)
class _Poll:
    """One feed in a round: its new items and how far handling them went."""

    state: FeedState
    polled_at: datetime
    status: str = "unchanged"
    error: str | None = None
    title: str | None = None
    validators: Validators = field(default_factory=Validators)
    items: list[FeedItem] = field(default_factory=list)
    handled: int = 0
    retry_later: bool = False

    @property
    def url(self) -> str:
        return self.state.url


def parse_interval(text: str) -> float:
    """Seconds in ``90s``, ``15m``, ``1h``, ``1d`` or a plain number of seconds."""
    value = text.strip().lower()
    unit = _UNITS.get(value[-1:], 0.0)
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or 1.0)
    except ValueError:
        seconds = 0.0
    if seconds < 1:
        raise ConfigError(f"interval {text!r}: give a number with s, m, h or d, e.g. 15m")
    return seconds


def feed_urls(args: Sequence[str]) -> list[str]:
    """Feed URLs given directly or listed in ``.urls`` files, each once, in order."""
    urls: list[str] = []
    bad: list[str] = []
    for arg in args:
        if is_url(arg):
            urls.append(arg)
        elif is_url_list(arg):
            for entry in read_url_list(arg):
                if isinstance(entry, str):
                    urls.append(entry)
                else:
                    bad.append(f"{entry.source}: {entry.reason}")
        else:
            bad.append(f"{arg}: not an http(s) URL nor a .urls file listing feeds")
    if bad:
        raise ConfigError("cannot follow these feeds: " + "; ".join(bad))
    if not urls:
        raise ConfigError("no feeds to follow; give feed URLs or a .urls file")
    return list(dict.fromkeys(urls))


class Watcher:
    """``watch`` in a background thread, for a process that also serves the dashboard.

    The thread is the store's only writer; the server's requests read between batches.
    An error that ends the loop is kept in ``error`` for the caller to report.
    """

    def __init__(self, feeds: Sequence[str], *, settings: Settings, store: Store,
                 every: float, status: Status | None = None) -> None:
        self.stop_event = threading.Event()
        self.error: EquipoiseError | None = None
        self._thread = threading.Thread(
            target=self._run, name="equipoise-watch", daemon=True,
            args=(list(feeds), settings, store, every, status))

    def start(self) -> None:
        self._thread.start()

    @property
    def stopped(self) -> bool:
        return self.stop_event.is_set() and not self._thread.is_alive()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the loop to stop after the batch in hand, and wait for it."""
        self.stop_event.set()
        self._thread.join(timeout)

    def _run(self, feeds: list[str], settings: Settings, store: Store, every: float,
             status: Status | None) -> None:
        try:
            watch(feeds, settings=settings, store=store, every=every, stop=self.stop_event,
                  status=status)
        except EquipoiseError as exc:
            self.error = exc


def watch(feeds: Sequence[str], *, settings: Settings, store: Store, every: float,
          stop: threading.Event | None = None, once: bool = False,
          status: Status | None = None, workers: int | None = None) -> list[RoundSummary]:
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set (or once)."""
    stop = stop or threading.Event()
    rounds: list[RoundSummary] = []
    while not stop.is_set():
        try:
            summary = poll_round(feeds, settings=settings, store=store, every=every,
                                 stop=stop, workers=workers)
        except EquipoiseError as exc:  # e.g. the store busy: the next round tries again
            if once:
                raise
            summary = RoundSummary(started=_now(), error=str(exc))
        rounds.append(summary)
        if status is not None:
            status(summary)
        if once:
            break
        wait = (summary.next_poll - _now()).total_seconds() if summary.next_poll else every
        if summary.error:
            wait = min(every, ERROR_RETRY_SECONDS)
        stop.wait(max(1.0, wait))
    return rounds


def poll_round(feeds: Sequence[str], *, settings: Settings, store: Store, every: float,
               stop: threading.Event, workers: int | None = None) -> RoundSummary:
    """Poll the feeds that are due, ingest their new items, record each feed's state."""
    summary = RoundSummary(started=_now())
    with store.connect():
        pass  # create or upgrade the store before feed state is read
    backoff = settings.feed_max_backoff
    due = [s for s in list_feeds(store, feeds)
           if _is_due(_due_at(s, every, backoff), summary.started)]
    summary.due = len(due)
    failing = _Failing()
    with Fetcher(FetchOptions.from_settings(settings)) as fetcher:
        polls = _poll_feeds(due, fetcher, store, failing, stop, summary)
        work = [p for p in polls if p.items]
        if work and not stop.is_set():
            _ingest_items(work, fetcher, settings, store, failing, stop, workers, summary)
    for poll in polls:
        _record(store, poll, every, settings.feed_max_backoff, stopped=stop.is_set())
    summary.stopped = stop.is_set()
    upcoming = [t for s in list_feeds(store, feeds) if (t := _due_at(s, every, backoff))]
    summary.next_poll = min(upcoming).replace(tzinfo=UTC) if upcoming else None
    return summary


def _due_at(state: FeedState, every: float, max_backoff: float) -> datetime | None:
    """When a feed is next due (UTC, no zone; None: now): its last poll plus this
    watcher's interval (doubled per failure in a row, up to ``max_backoff``).

    The stored next poll was set with the interval of the run that last polled the feed;
    a watcher restarted with another ``--every``, shorter or longer, must not go by the
    old one. Only a stored time at or before the last poll is kept as it is: a poll cut
    short by a stop left the feed due at once.
    """
    if state.next_poll is None or state.last_polled is None:
        return state.next_poll
    if state.next_poll <= state.last_polled:
        return state.next_poll
    failures = state.failures
    wait = min(every * 2 ** (failures - 1), max_backoff) if failures else every
    return state.last_polled + timedelta(seconds=wait)


def _is_due(due_at: datetime | None, now: datetime) -> bool:
    return due_at is None or due_at <= now.replace(tzinfo=None)


def _poll_feeds(due: list[FeedState], fetcher: Fetcher, store: Store, failing: _Failing,
                stop: threading.Event, summary: RoundSummary) -> list[_Poll]:
    polls: list[_Poll] = []
    for state in due:
        if stop.is_set() or failing.skips(state.url):
            summary.deferred += 1
            continue
        poll = _poll_feed(state, fetcher, store, failing)
        polls.append(poll)
        if poll.status == "failed":
            summary.failed += 1
            summary.failures.append(Failure(poll.url, "feed", poll.error or "failed"))
        elif poll.status == "new":
            summary.new += 1
        else:
            summary.unchanged += 1
    return polls


def _poll_feed(state: FeedState, fetcher: Fetcher, store: Store, failing: _Failing) -> _Poll:
    poll = _Poll(state, polled_at=_now())
    try:
        answer = fetcher.get(state.url, accept="feed",
                             validators=Validators(state.etag, state.last_modified))
        if answer.not_modified:
            return poll
        feed = parse_feed(answer.content, state.url)
    except FetchError as exc:
        if exc.transient:
            failing.add(state.url)
        poll.status, poll.error = "failed", exc.reason
        return poll
    except InputError as exc:
        poll.status, poll.error = "failed", str(exc).removeprefix(f"{state.url}: ")
        return poll
    seen = seen_keys(store, state.url, [i.key for i in feed.items])
    poll.title, poll.validators = feed.title, answer.validators
    poll.items = [i for i in feed.items if i.key not in seen]
    poll.status = "new" if poll.items else "unchanged"
    return poll


class _Failing:
    """Transient failures per host in this round."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, url: str) -> None:
        host = _host(url)
        self.counts[host] = self.counts.get(host, 0) + 1

    def skips(self, url: str) -> bool:
        return self.counts.get(_host(url), 0) >= HOST_FAILURES_PER_ROUND


class _SeenMarks:
    """Items handed to the ingest job, marked seen once the job reports them stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.waiting: dict[str, list[tuple[str, str, str | None]]] = {}
        self.ready: list[tuple[str, str, str | None]] = []

    def expect(self, source: str, poll: _Poll, item: FeedItem) -> None:
        self.waiting.setdefault(source, []).append((poll.url, item.key, item.link))

    def stored(self, source: str) -> None:
        self.ready.extend(self.waiting.pop(source, []))

    def flush(self) -> None:
        mark_seen(self.store, self.ready, _now())
        self.ready = []


def _ingest_items(work: list[_Poll], fetcher: Fetcher, settings: Settings, store: Store,
                  failing: _Failing, stop: threading.Event, workers: int | None,
                  summary: RoundSummary) -> None:
    marks = _SeenMarks(store)
    documents = _documents(work, fetcher, settings.max_article_chars, marks, failing, stop)
    result = ingest_documents(documents, settings=settings, store=store, command="watch",
                              progress=marks.stored, workers=workers)
    marks.flush()
    summary.items += result.counts.read
    summary.articles += result.counts.new
    summary.events += result.counts.events
    summary.failures.extend(result.failures)


def _documents(work: list[_Poll], fetcher: Fetcher, max_chars: int, marks: _SeenMarks,
               failing: _Failing, stop: threading.Event) -> Iterator[RawDocument | Failure]:
    """The pages of the new items, feed by feed, until ``stop``; seen marks flushed as we go."""
    for poll in work:
        for item in poll.items:
            marks.flush()  # the batches before this one are stored by now
            if stop.is_set():
                return
            if item.link and failing.skips(item.link):
                poll.retry_later = True
                continue
            doc, final = _item(poll, item, fetcher, max_chars, failing)
            if final:
                marks.expect(doc.source, poll, item)
                poll.handled += 1
            yield doc


def _item(poll: _Poll, item: FeedItem, fetcher: Fetcher, max_chars: int, failing: _Failing
          ) -> tuple[RawDocument | Failure, bool]:
    """The item's page or failure, and whether that is final (else it is tried again)."""
    try:
        return item_document(item, fetcher, max_chars=max_chars, outlet=poll.title), True
    except FetchError as exc:
        failure = item_failure(item.link or poll.url, exc, article_id=item.key)
        if exc.transient:  # not marked seen: tried again at the next poll
            failing.add(item.link or poll.url)
            poll.retry_later = True
        return failure, not exc.transient
    except InputError as exc:
        return item_failure(item.link or poll.url, exc, article_id=item.key), True


def _record(store: Store, poll: _Poll, every: float, max_backoff: float, *,
            stopped: bool) -> None:
    # a failing feed waits one interval, then two, four, ... up to ``max_backoff``;
    # a feed whose items were cut short by a stop is due again at once
    complete = poll.handled == len(poll.items) and not poll.retry_later
    wait = min(every * 2**poll.state.failures, max_backoff) \
        if poll.status == "failed" else every
    next_poll = _now() + timedelta(seconds=wait)
    if stopped and not complete:
        next_poll = poll.polled_at  # due at once: ``_due_at`` keeps a time not after the poll
    record_poll(store, FeedPollRecord(
        url=poll.url, status=poll.status, polled_at=poll.polled_at,
        next_poll=next_poll,
        title=poll.title, etag=poll.validators.etag,
        last_modified=poll.validators.last_modified, error=poll.error,
        taken=poll.handled, keep_validators=complete))


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _now() -> datetime:
    return datetime.now(UTC)
