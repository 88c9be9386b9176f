"""A folder of WARC files on the Dask engine (one task per file) with 1 and 2 workers,
against the local engine over the same folder.

    .venv/bin/python bench/bench_dask_warc.py [--files 4] [--pages 25]

Each generated WARC.gz holds ``--pages`` synthetic article pages (four sample-corpus
paragraphs each), every one with a request and an image record beside it, as a crawler
writes them. Dask figures include the LocalCluster's start-up and each worker's model
load, as a user would see them; ``load`` of the Parquet folder is timed apart. The
machine's load average is printed with the figures: on 2 shared cores it decides them.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench_fetch import make_pages
from equipoise.config import load_settings
from equipoise.job import ingest, ingest_to_parquet, load_parquet
from equipoise.store import Store


def write_folder(folder: Path, files: int, pages: int) -> None:
    """``files`` WARC.gz files of ``pages`` distinct pages each, three records a page."""
    every = make_pages(files * pages, seed=7)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        with (folder / f"CC-NEWS-{f:05d}.warc.gz").open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for i in range(f * pages, (f + 1) * pages):
                url = f"http://news.example/{i}"
                writer.write_record(writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
                for body, ctype, target in ((every[i], "text/html", url),
                                            (b"\x89PNG" * 200, "image/png", url + ".png")):
                    http = StatusAndHeaders("200 OK", [("Content-Type", ctype)],
                                            protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(
                        target, "response", payload=io.BytesIO(body), http_headers=http))


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--pages", type=int, default=25, help="HTML pages per file")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="eq-dask-warc-"))
    crawl = root / "crawl"
    write_folder(crawl, args.files, args.pages)
    n = args.files * args.pages
    settings = load_settings(environ={})
    print(f"{args.files} WARC.gz files, {n} HTML pages ({3 * n} records); "
          f"load average {load_average()}")
    t0 = time.perf_counter()
    ingest([str(crawl)], settings=settings, store=Store(root / "local.duckdb"), workers=1)
    local = time.perf_counter() - t0
    print(f"local engine, 1 worker: {local:.1f} s ({n / local:.1f} pages/s); "
          f"load average {load_average()}")
    for workers in (1, 2):
        out = root / f"pq{workers}"
        t0 = time.perf_counter()
        summary = ingest_to_parquet([str(crawl)], settings=settings, out_dir=out,
                                    workers=workers)
        dask = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_parquet(out, Store(root / f"dask{workers}.duckdb"))
        load = time.perf_counter() - t0
        print(f"dask, {workers} worker(s), a task per file: {dask:.1f} s ({n / dask:.1f} "
              f"pages/s, x{local / dask:.2f} of local; {summary.counts.new} coded); "
              f"load {load:.1f} s; load average {load_average()}")


if __name__ == "__main__":
    main()
