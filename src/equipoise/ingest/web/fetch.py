"""Fetching pages and feeds politely: one HTTP client with the limits a crawler owes.

Every request names equipoise and its operator's contact, asks robots.txt first, keeps
a delay between requests to one host, follows a bounded number of redirects (and
notices loops), stops reading at a size limit, checks the content type and retries
5xx answers and network errors with a doubling backoff. A conditional GET (ETag /
Last-Modified) lets an unchanged feed cost one small request. Everything that goes
wrong is a ``FetchError`` with a reason a user can act on; the caller records it and
goes on with the next URL.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from equipoise.config import Settings
from equipoise.errors import InputError
from equipoise.ingest.web._neterr import network_reason
from equipoise.ingest.web._robots import RobotsCache

__all__ = ["Accept", "FetchError", "FetchOptions", "Fetched", "Fetcher", "Validators"]

Accept = Literal["page", "feed", "any"]
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
    "application/rdf+xml", "application/feed+json",
})  # fmt: skip
_TYPES: dict[Accept, frozenset[str]] = {
    "page": PAGE_TYPES, "feed": FEED_TYPES, "any": PAGE_TYPES | FEED_TYPES,
}  # fmt: skip
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(InputError):
    """A URL that could not be fetched; ``transient`` when trying later may succeed."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about a version of a resource, for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: the body (empty when ``not_modified``), where it finally came from, when."""

    url: str
    final_url: str
    status: int
    content: bytes
    media_type: str
    charset: str | None
    validators: Validators
    fetched_at: datetime
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """The politeness and limit settings of one crawler (see docs/following.md)."""

    user_agent: str = "equipoise/0.1"
    contact: str = ""
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_redirects: int = 5
    max_bytes: int = 10_000_000
    host_delay: float = 1.0
    max_seconds: float = 120.0

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(user_agent=settings.fetch_user_agent, contact=settings.fetch_contact,
                   timeout=settings.fetch_timeout, retries=settings.fetch_retries,
                   backoff=settings.fetch_backoff, max_redirects=settings.fetch_max_redirects,
                   max_bytes=settings.fetch_max_bytes, host_delay=settings.fetch_host_delay,
                   max_seconds=settings.fetch_max_seconds)

    @property
    def header(self) -> str:
        """The User-Agent header: the product, then how to reach the operator."""
        return f"{self.user_agent} (+{self.contact})" if self.contact else self.user_agent


@dataclass(slots=True)
class _Hosts:
    """When each host was last asked, so requests to one host keep their distance."""

    sleep: Callable[[float], None]
    clock: Callable[[], float]
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str, delay: float) -> None:
        if host in self.last:
            remaining = self.last[host] + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


class Fetcher:
    """A polite HTTP client; use as a context manager (it holds a connection pool)."""

    def __init__(self, options: FetchOptions, *, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options
        self._sleep = sleep
        self._clock = clock
        self._hosts = _Hosts(sleep, clock)
        self._client = httpx.Client(
            headers={"User-Agent": options.header}, timeout=options.timeout,
            follow_redirects=False, transport=transport,
        )
        self.robots = RobotsCache(self._robots_text, options.user_agent)
        self.requests = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, accept: Accept = "any",
            validators: Validators | None = None) -> Fetched:
        """Fetch ``url`` (following redirects); raise ``FetchError`` with the reason."""
        seen: list[str] = []
        current = _checked_url(url)
        while True:
            if current in seen:
                raise FetchError(url, f"redirect loop ({' -> '.join([*seen, current])})")
            if len(seen) > self.options.max_redirects:
                raise FetchError(url, f"more than {self.options.max_redirects} redirects")
            seen.append(current)
            self._check_robots(url, current)
            answer = self._request(url, current, validators)
            if isinstance(answer, str):
                current = _checked_url(answer)
                continue
            return _accepted(answer, url, accept)

    def _check_robots(self, url: str, current: str) -> None:
        verdict = self.robots.verdict(current)
        if not verdict.allowed:
            raise FetchError(url, verdict.reason)

    def _request(self, url: str, current: str, validators: Validators | None
                 ) -> Fetched | str:
        """The answer at ``current``, or the next URL when it redirects."""
        attempt = 0
        while True:
            try:
                return self._once(url, current, validators)
            except FetchError as exc:
                if not exc.transient or attempt >= self.options.retries:
                    raise
            self._sleep(self.options.backoff * 2**attempt)
            attempt += 1

    def _once(self, url: str, current: str, validators: Validators | None) -> Fetched | str:
        host = _host(current)
        self._hosts.wait(host, max(self.options.host_delay, self.robots.crawl_delay(current)))
        headers = validators.headers() if validators else {}
        self.requests += 1
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                return self._answer(url, current, response)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.options.timeout:g}s "
                             f"({type(exc).__name__})", transient=True) from exc
        except httpx.TransportError as exc:
            raise FetchError(url, f"{network_reason(exc, current)} while fetching the page",
                             transient=True) from exc

    def _answer(self, url: str, current: str, response: httpx.Response) -> Fetched | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location header")
            return str(urljoin(current, str(location)))
        if status >= 500:
            raise FetchError(url, f"HTTP {status} (server error)", transient=True)
        if status >= 400:
            raise FetchError(url, f"HTTP {status} ({response.reason_phrase or 'client error'})")
        media, charset = _media_type(response.headers.get("content-type", ""))
        validators = Validators(response.headers.get("etag"),
                                response.headers.get("last-modified"))
        body = b"" if status == 304 else self._read(url, response)
        return Fetched(url=url, final_url=current, status=status, content=body,
                       media_type=media, charset=charset, validators=validators,
                       fetched_at=datetime.now(UTC), not_modified=status == 304)

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {int(declared):,} bytes declared, the limit "
                             f"is {limit:,} (setting fetch_max_bytes)")
        body, stop = _head(response, limit, self._deadline())
        if stop == "time":
            raise FetchError(url, f"took longer than {self.options.max_seconds:g}s to read "
                             "(setting fetch_max_seconds)", transient=True)
        if stop == "size":
            raise FetchError(url, f"too large: more than {limit:,} bytes "
                             "(setting fetch_max_bytes)")
        return body

    def _deadline(self) -> _Deadline:
        return _Deadline(self._clock() + self.options.max_seconds, self._clock)

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        """Status and text of a robots.txt (fetched without asking robots.txt).

        At most ``max_bytes`` are read, for at most ``max_seconds``: a huge, endless or
        trickling robots.txt must not hold the crawler. What was read up to its last whole
        line is used, as RFC 9309 (2.5) asks of a file over the parsing limit.
        """
        self._hosts.wait(_host(robots_url), self.options.host_delay)
        self.requests += 1
        with self._client.stream("GET", robots_url, follow_redirects=True) as response:
            if response.status_code >= 400:
                return response.status_code, ""
            body, stop = _head(response, self.options.max_bytes, self._deadline())
            encoding = response.charset_encoding or "utf-8"
        if stop is not None:
            body = body[: body.rfind(b"\n") + 1]
        try:
            return response.status_code, body.decode(encoding, errors="replace")
        except LookupError:  # a charset Python does not know
            return response.status_code, body.decode("utf-8", errors="replace")


def _chunks(response: httpx.Response) -> Iterator[bytes]:
    # As they arrive (no chunk size: httpx would wait to fill one), so that a server
    # trickling bytes meets the deadline between two of them.
    yield from response.iter_bytes()


@dataclass(frozen=True, slots=True)
class _Deadline:
    at: float
    clock: Callable[[], float]

    def passed(self) -> bool:
        return self.clock() > self.at


def _head(response: httpx.Response, limit: int, deadline: _Deadline
          ) -> tuple[bytes, Literal["size", "time"] | None]:
    """The first ``limit`` bytes of a body (fewer when the deadline passes first), and
    why reading stopped before its end (None: the whole body was read)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in _chunks(response):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], "size"
        if deadline.passed():
            return b"".join(chunks), "time"
    return b"".join(chunks), None


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "not an http(s) URL")
    return url


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip('"').lower()
    return media.strip().lower(), charset


def _accepted(answer: Fetched, url: str, accept: Accept) -> Fetched:
    if answer.not_modified or answer.media_type in _TYPES[accept]:
        return answer
    if not answer.media_type and answer.content.lstrip()[:1] == b"<":
        return answer  # no type given: markup is read, the feed or page parser decides
    wanted = {"page": "an HTML page", "feed": "an RSS or Atom feed",
              "any": "an HTML page or a feed"}[accept]
    raise FetchError(url, f"content type {answer.media_type or '(none)'} is not {wanted}")
