"""Live news in: pages/s fetched and pages/s fetched and coded from a local server, and
WARC records/s read (and read and cleaned).

A server on 127.0.0.1 serves one feed whose items link synthetic article pages (four
sample-corpus paragraphs each); the per-host delay is 0, so the figures are the cost of
equipoise itself, not of politeness (with the shipped 1 s delay one host gives at most
1 page/s). The WARC file is written here with warcio: HTML pages and, between them,
one image response and one request record per page, as a crawler writes them.
"""

from __future__ import annotations

import argparse
import html
import io
import random
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from _corpus import sample_paragraphs
from equipoise.config import load_settings
from equipoise.ingest.warc import iter_warc
from equipoise.ingest.web import Fetcher, FetchOptions, iter_url_inputs
from equipoise.job import ingest
from equipoise.models import Article, RawDocument
from equipoise.pipeline import read_articles
from equipoise.store import Store


def make_pages(n: int, seed: int = 0) -> list[bytes]:
    rng = random.Random(seed)
    pool = sample_paragraphs()
    pages = []
    for i in range(n):
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in rng.sample(pool, 4))
        pages.append(f"<html><head><title>Story {i}</title></head><body><nav>Home</nav>"
                     f"<article><h1>Story {i}</h1>{paras}</article></body></html>".encode())
    return pages


def serve(pages: list[bytes]) -> ThreadingHTTPServer:
    def feed(port: int) -> str:
        items = "".join(f"<item><guid>s{i}</guid><link>http://127.0.0.1:{port}/p/{i}</link>"
                        f"<title>Story {i}</title></item>" for i in range(len(pages)))
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Bench</title>" \
               f"{items}</channel></rss>"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body = feed(self.server.server_address[1]).encode()
                ctype = "application/rss+xml"
            elif self.path.startswith("/p/"):
                body, ctype = pages[int(self.path[3:])], "text/html; charset=utf-8"
            else:
                body, ctype = b"", "text/plain"
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_warc(path: Path, pages: list[bytes]) -> int:
    """Pages as responses, each with a request and an image record; returns records."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, page in enumerate(pages):
            url = f"http://news.example/{i}"
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            for body, ctype, target in ((page, "text/html", url),
                                        (b"\x89PNG" * 200, "image/png", url + ".png")):
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)],
                                        protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    target, "response", payload=io.BytesIO(body), http_headers=http))
    return 3 * len(pages)


def timed(label: str, count: int, unit: str, run: Any) -> float:
    start = time.perf_counter()
    done = run()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {done:>6} {unit} in {seconds:6.2f} s = {done / seconds:8.1f} {unit}/s")
    assert done == count, f"expected {count}, got {done}"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100, help="pages served and coded")
    parser.add_argument("--warc-pages", type=int, default=2000, help="HTML pages in the WARC")
    args = parser.parse_args()
    settings = load_settings(environ={}).with_overrides(fetch_host_delay=0.0)
    pages = make_pages(args.pages)
    server = serve(pages)
    feed = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    options = FetchOptions.from_settings(settings)
    with tempfile.TemporaryDirectory() as tmp:
        def fetch_only() -> int:
            with Fetcher(options) as fetcher:
                return sum(isinstance(d, RawDocument)
                           for d in iter_url_inputs([feed], fetcher, max_chars=200_000))

        store = Store(Path(tmp) / "bench.duckdb")

        def fetch_and_code() -> int:
            return ingest([feed], settings=settings, store=store).counts.new

        ingest([str(Path(__file__).parents[1] / "src/equipoise/data/sample/"
                     "001-seoul-trilateral-summit.json")],
               settings=settings, store=Store(Path(tmp) / "warm.duckdb"))  # load spaCy first
        timed("pages fetched (feed + pages, no coding)", args.pages, "pages", fetch_only)
        timed("pages fetched, cleaned, coded and stored", args.pages, "pages", fetch_and_code)
        size = store.path.stat().st_size + sum(
            p.stat().st_size for p in store.path.parent.glob("bench.duckdb.wal"))
        print(f"store: {size / 1e6:.1f} MB for {args.pages} articles "
              f"({size / args.pages / 1e3:.0f} KB an article, schema and indexes included)")
        warc = Path(tmp) / "bench.warc.gz"
        records = write_warc(warc, make_pages(args.warc_pages, seed=1))
        print(f"WARC: {records} records ({args.warc_pages} HTML), "
              f"{warc.stat().st_size / 1e6:.1f} MB gzipped")
        seconds = timed("WARC HTML records read", args.warc_pages, "pages",
                        lambda: sum(1 for _ in iter_warc(warc)))
        print(f"{'WARC records read (all types)':<44} {records / seconds:>31.1f} records/s")
        timed("WARC HTML records read and cleaned", args.warc_pages, "pages",
              lambda: sum(isinstance(a, Article)
                          for a in read_articles([str(warc)], settings=settings)))
    server.shutdown()


if __name__ == "__main__":
    main()
