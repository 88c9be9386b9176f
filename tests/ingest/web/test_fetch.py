"""The polite client against a real server: limits, failures with reasons, validators."""

from __future__ import annotations

import socket

import pytest

from equipoise.ingest.web import Fetcher, FetchError, FetchOptions, Validators
from tests.webserver import Page, Site

HTML = b"<html><body><p>Hello.</p></body></html>"


def test_a_page_comes_back_with_its_final_url_and_fetch_time(site: Site,
                                                              fetcher: Fetcher) -> None:
    site.routes["/old"] = Page(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Page(HTML)
    answer = fetcher.get(site.url("/old"), accept="page")
    assert answer.content == HTML
    assert answer.url == site.url("/old")
    assert answer.final_url == site.url("/new")
    assert answer.fetched_at.tzinfo is not None


def test_the_user_agent_names_equipoise_and_the_contact(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Page(HTML)
    fetcher.get(site.url("/a"))
    assert site.requests("/a")[0].headers["user-agent"] == "equipoise/0.1 (+ops@example.org)"


@pytest.mark.parametrize(("page", "reason"), [
    (Page(b"oops", status=500), "HTTP 500 (server error)"),
    (Page(b"gone", status=404), "HTTP 404"),
    (Page(b"%PDF-1.7", "application/pdf"), "content type application/pdf is not an HTML page"),
    (Page(stream_bytes=50_000_000), "too large: 50,"),
    (Page(stream_bytes=50_000_000, declare_length=False), "too large: more than 1,000,000"),
])
def test_each_bad_answer_is_a_failure_with_its_reason(site: Site, fetcher: Fetcher,
                                                      page: Page, reason: str) -> None:
    site.routes["/x"] = page
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/x"), accept="page")
    assert reason in caught.value.reason


def test_server_errors_are_retried_then_given_up(site: Site, fetcher: Fetcher) -> None:
    site.routes["/down"] = Page(b"oops", status=503)
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/down"))
    assert caught.value.transient
    assert len(site.requests("/down")) == 2  # the first try and one retry


def test_a_retry_that_succeeds_returns_the_page(site: Site, fetcher: Fetcher) -> None:
    answers = iter([Page(b"busy", status=502), Page(HTML)])
    site.routes["/flaky"] = lambda _headers: next(answers)
    assert fetcher.get(site.url("/flaky")).content == HTML


def test_a_slow_server_times_out(site: Site) -> None:
    site.routes["/slow"] = Page(HTML, delay=1.5)
    with Fetcher(FetchOptions(timeout=0.3, retries=0, host_delay=0.0)) as client, \
            pytest.raises(FetchError) as caught:
        client.get(site.url("/slow"))
    assert "timed out after 0.3s" in caught.value.reason


def test_redirect_loops_and_long_chains_stop(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Page(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Page(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(site.url("/a"))
    for n in range(6):
        site.routes[f"/r{n}"] = Page(status=302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(site.url("/r0"))


def test_robots_txt_is_honoured(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Page(b"User-agent: equipoise\nDisallow: /private/\n",
                                      "text/plain")
    site.routes["/private/page"] = Page(HTML)
    site.routes["/public"] = Page(HTML)
    with pytest.raises(FetchError, match=r"disallowed by .*robots\.txt"):
        fetcher.get(site.url("/private/page"))
    assert site.requests("/private/page") == []
    assert fetcher.get(site.url("/public")).content == HTML
    assert len(site.requests("/robots.txt")) == 1  # asked once per site


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_huge_robots_txt_is_read_up_to_the_size_limit_and_its_rules_kept(
        site: Site, fetcher: Fetcher, declare_length: bool) -> None:
    # 10 GB announced (or sent without a length, as an endless one would be): only the
    # first fetch_max_bytes (1 MB here) are read, and the rules there are honoured.
    rules = b"User-agent: equipoise\nDisallow: /private/\n"
    site.routes["/robots.txt"] = Page(rules, "text/plain", stream_bytes=10_000_000_000,
                                      declare_length=declare_length)
    site.routes["/private/page"] = Page(HTML)
    site.routes["/public"] = Page(HTML)
    with pytest.raises(FetchError, match=r"disallowed by .*robots\.txt"):
        fetcher.get(site.url("/private/page"))
    assert fetcher.get(site.url("/public")).content == HTML
    assert site.requests("/private/page") == []
    assert 0 < site.sent["/robots.txt"] < 50_000_000  # written so far: what was read + buffers


def test_a_trickling_answer_stops_at_the_time_limit(site: Site) -> None:
    # ten 64 kB chunks 0.3 s apart: each within the 2 s timeout, 3 s in all
    rules = b"User-agent: equipoise\nDisallow: /private/\n"
    site.routes["/robots.txt"] = Page(rules, "text/plain", stream_bytes=655_350, trickle=0.3)
    site.routes["/slow"] = Page(b"", stream_bytes=655_350, trickle=0.3)
    options = FetchOptions(timeout=2.0, retries=0, host_delay=0.0, max_seconds=1.0)
    with Fetcher(options) as client:
        with pytest.raises(FetchError, match=r"disallowed by .*robots\.txt"):
            client.get(site.url("/private/page"))  # the rules read before the limit hold
        with pytest.raises(FetchError) as caught:
            client.get(site.url("/slow"))
    assert caught.value.reason == "took longer than 1s to read (setting fetch_max_seconds)"


def test_an_unreadable_robots_txt_disallows_the_site(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Page(b"oops", status=500)
    site.routes["/page"] = Page(HTML)
    with pytest.raises(FetchError, match=r"robots\.txt answered HTTP 500"):
        fetcher.get(site.url("/page"))


def test_an_unchanged_resource_answers_304_with_an_empty_body(site: Site,
                                                              fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Page(b"<rss version='2.0'/>", "application/rss+xml",
                                    etag='"v1"')
    first = fetcher.get(site.url("/feed.xml"), accept="feed")
    assert first.validators == Validators(etag='"v1"')
    again = fetcher.get(site.url("/feed.xml"), accept="feed", validators=first.validators)
    assert again.not_modified and again.content == b""
    assert site.requests("/feed.xml")[1].headers["if-none-match"] == '"v1"'


def test_requests_to_one_host_keep_their_distance(site: Site) -> None:
    waits: list[float] = []
    site.routes["/a"] = Page(HTML)
    with Fetcher(FetchOptions(host_delay=5.0), sleep=waits.append) as client:
        client.get(site.url("/a"))  # robots.txt, then the page: one wait between them
        client.get(site.url("/a"))
    assert len(waits) == 2
    assert all(4.0 < w <= 5.0 for w in waits)


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections to it are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_refused_connection_says_so_and_that_it_was_robots_txt(fetcher: Fetcher) -> None:
    port = _closed_port()
    with pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.1:{port}/news/1")
    reason = caught.value.reason
    assert f"connection refused by 127.0.0.1:{port}" in reason
    assert "robots.txt" in reason and "ConnectError" not in reason


def test_a_refused_connection_for_the_page_names_the_page(site: Site, fetcher: Fetcher) -> None:
    site.routes["/page"] = Page(HTML, declare_length=False)  # no connection left to reuse
    assert fetcher.get(site.url("/page")).content == HTML  # robots.txt asked and remembered
    site.stop()
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/page"))
    reason = caught.value.reason
    assert reason.startswith(f"connection refused by {site.base.removeprefix('http://')}")
    assert "while fetching the page" in reason and "robots.txt" not in reason
