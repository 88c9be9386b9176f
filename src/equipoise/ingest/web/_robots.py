"""robots.txt, asked once per site and remembered for a day.

A robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx or
a network error) disallows the whole site for now, as RFC 9309 asks, so a crawler never
takes a server's trouble for permission.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from equipoise.ingest.web._neterr import network_reason

__all__ = ["RobotsCache", "RobotsVerdict"]

# How long a site's robots.txt is trusted before it is asked again.
TTL_SECONDS = 24 * 3600.0
TextGetter = Callable[[str], tuple[int, str]]


@dataclass(frozen=True, slots=True)
class RobotsVerdict:
    allowed: bool
    reason: str = ""


@dataclass(slots=True)
class _Entry:
    parser: RobotFileParser | None  # None: everything allowed (no robots.txt)
    unreadable: str  # why the site is disallowed for now, or ""
    fetched: float


class RobotsCache:
    """Whether our user agent may fetch a URL, per its site's robots.txt."""

    def __init__(self, get_text: TextGetter, agent: str, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._get_text = get_text
        self._agent = agent.split("/")[0]  # robots.txt names products, not versions
        self._clock = clock
        self._sites: dict[str, _Entry] = {}

    def verdict(self, url: str) -> RobotsVerdict:
        entry = self._entry(url)
        if entry.unreadable:
            return RobotsVerdict(False, entry.unreadable)
        if entry.parser is None or entry.parser.can_fetch(self._agent, url):
            return RobotsVerdict(True)
        return RobotsVerdict(False, f"disallowed by {_site(url)}/robots.txt for "
                             f"user agent {self._agent!r}")

    def crawl_delay(self, url: str) -> float:
        """The site's Crawl-delay for our agent, 0 when it sets none."""
        entry = self._entry(url)
        if entry.parser is None:
            return 0.0
        delay = entry.parser.crawl_delay(self._agent)
        return float(delay) if delay else 0.0

    def _entry(self, url: str) -> _Entry:
        site = _site(url)
        entry = self._sites.get(site)
        if entry is None or self._clock() - entry.fetched > TTL_SECONDS:
            entry = self._load(site)
            self._sites[site] = entry
        return entry

    def _load(self, site: str) -> _Entry:
        now = self._clock()
        try:
            status, text = self._get_text(f"{site}/robots.txt")
        except httpx.TimeoutException as exc:
            return _Entry(None, f"timed out while asking for {site}/robots.txt "
                          f"({type(exc).__name__}); not fetching from the site for now", now)
        except httpx.HTTPError as exc:
            return _Entry(None, f"{network_reason(exc, site)} while asking for its "
                          f"robots.txt ({site}/robots.txt); not fetching from the site for "
                          "now", now)
        if status >= 500:
            return _Entry(None, f"{site}/robots.txt answered HTTP {status}; not fetching "
                          "from the site until it can be read", now)
        if status >= 400 or not text.strip():
            return _Entry(None, "", now)
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return _Entry(parser, "", now)


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"
