"""A local news site (feeds and article pages made from the sample corpus) for the watch tests."""

from __future__ import annotations

import html
import json
import threading
from pathlib import Path

import pytest

from equipoise.config import Settings
from tests.conftest import SAMPLE
from tests.webserver import Page, Site, rss

# A held page is answered at the latest after this, so that a test that fails before
# opening its gate does not leave the server's threads waiting for ever.
HOLD_SECONDS = 300.0


class Gate:
    """Pages held back until the test opens the gate.

    ``reached`` is set when the watcher asks for the first held page: the watcher takes
    a feed's pages in order and stores each batch (and marks its items seen) before it
    asks for the next page, so by then every page before the gate is stored.
    """

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()

    def open(self) -> None:
        self.opened.set()

    def hold(self, page: Page) -> Page:
        self.reached.set()
        self.opened.wait(HOLD_SECONDS)
        return page


def sample_texts() -> list[tuple[str, str]]:
    """(title, text) of the sample corpus's JSON articles."""
    out = []
    for path in sorted(SAMPLE.glob("*.json")):
        obj = json.loads(path.read_text("utf-8"))
        if isinstance(obj, dict) and obj.get("text"):
            out.append((str(obj.get("title") or path.stem), str(obj["text"])))
    return out


class NewsSite:
    """A site with one feed (``/feed.xml``) whose items link article pages."""

    def __init__(self, site: Site, *, page_delay: float = 0.0) -> None:
        self.site = site
        self.texts = sample_texts()
        self.page_delay = page_delay
        self.items: list[tuple[str, str, str]] = []
        self.version = 0

    def publish(self, count: int) -> None:
        """Add ``count`` new items (and their pages) at the top of the feed."""
        for _ in range(count):
            n = len(self.items)
            title, text = self.texts[n % len(self.texts)]
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            body = (f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                    f"<h1>{html.escape(title)}</h1><p>Edition {n}.</p>{paras}</article>"
                    "</body></html>").encode()
            self.site.routes[f"/news/{n}"] = Page(body, delay=self.page_delay)
            self.items.insert(0, (f"item-{n}", self.site.url(f"/news/{n}"), title))
        self.version += 1
        self.site.routes["/feed.xml"] = Page(rss("Local News", self.items),
                                             "application/rss+xml", etag=f'"v{self.version}"')

    @property
    def feed(self) -> str:
        return self.site.url("/feed.xml")

    def hold(self, first: int, last: int | None = None) -> Gate:
        """A gate in front of the pages of the feed's items ``first`` to ``last`` (excluded),
        counted in the order the feed lists them (newest first)."""
        gate = Gate()
        for _guid, link, _title in self.items[first:last]:
            path = link.removeprefix(self.site.base)
            route = self.site.routes[path]
            assert isinstance(route, Page)
            self.site.routes[path] = lambda _headers, page=route: gate.hold(page)
        return gate

    def page_requests(self) -> int:
        return sum(1 for r in self.site.log if r.path.startswith("/news/"))


@pytest.fixture
def news(site: Site) -> NewsSite:
    return NewsSite(site)


@pytest.fixture
def watch_settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.with_overrides(batch_size=4, fetch_host_delay=0.0, fetch_timeout=1.0,
                                   fetch_retries=0, fetch_backoff=0.0,
                                   db=str(tmp_path / "news.duckdb"))
