"""URLs, URL lists and feed URLs as inputs: documents with final URL and fetch time."""

from __future__ import annotations

from pathlib import Path

from equipoise.ingest.web import Fetcher, iter_url_inputs, read_url_list
from equipoise.models import Failure, RawDocument
from tests.webserver import Page, Site, article_html, rss

TEXT = ["Seoul and Tokyo agreed on Tuesday to resume talks.", "The ministers met in Nara."]


def _docs(items: list[RawDocument | Failure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _fails(items: list[RawDocument | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def test_a_feed_url_brings_in_the_pages_its_items_link(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Page(rss("Daily", [
        ("a1", site.url("/a1"), "First"), ("a2", site.url("/moved"), "Second"),
        ("pdf", site.url("/report.pdf"), "A report")]), "application/rss+xml")
    site.routes["/a1"] = Page(article_html("First", TEXT))
    site.routes["/moved"] = Page(status=301, headers={"Location": "/a2"})
    site.routes["/a2"] = Page(article_html("Second", TEXT[::-1]))
    site.routes["/report.pdf"] = Page(b"%PDF-1.7", "application/pdf")
    items = list(iter_url_inputs([site.url("/feed.xml")], fetcher, max_chars=10_000))
    docs = _docs(items)
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[1].url == site.url("/a2") and docs[1].source == site.url("/moved")
    assert all(d.fetched_at is not None and d.outlet == "Daily" and d.fmt == "html"
               for d in docs)
    assert docs[0].published is not None and docs[0].published.isoformat() == "2026-01-13"
    [pdf] = _fails(items)
    assert pdf.stage == "fetch" and "application/pdf" in pdf.reason


def test_a_page_url_is_one_document(site: Site, fetcher: Fetcher) -> None:
    site.routes["/story"] = Page(article_html("Story", TEXT))
    [doc] = iter_url_inputs([site.url("/story")], fetcher, max_chars=10_000)
    assert isinstance(doc, RawDocument) and "resume talks" in doc.body


def test_invalid_feed_xml_is_a_failure_and_the_next_url_is_read(site: Site,
                                                               fetcher: Fetcher) -> None:
    site.routes["/bad.xml"] = Page(b"<?xml version='1.0'?><rss><channel><item>",
                                   "application/rss+xml")
    site.routes["/story"] = Page(article_html("Story", TEXT))
    items = list(iter_url_inputs([site.url("/bad.xml"), site.url("/story")], fetcher,
                                 max_chars=10_000))
    [fail] = _fails(items)
    assert "not a valid RSS or Atom feed" in fail.reason
    assert len(_docs(items)) == 1


def test_a_url_list_gives_its_urls_and_names_bad_lines(tmp_path: Path) -> None:
    listing = tmp_path / "news.urls"
    listing.write_text("# my sources\nhttp://a.example/feed\n\nnot a url\nhttps://b.example/x\n")
    items = list(read_url_list(listing))
    assert items[0] == "http://a.example/feed" and items[2] == "https://b.example/x"
    assert isinstance(items[1], Failure) and "line 4 is not an http(s) URL" in items[1].reason
