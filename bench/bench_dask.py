"""(d) The Dask engine with 1 and 2 workers against the local engine, same articles.

    .venv/bin/python bench/bench_dask.py [--articles 100]

Local: ``ingest`` into a store (workers=1). Dask: ``ingest --engine dask`` into
Parquet on a LocalCluster (its start-up and each worker's model load included, as
a user would see them), then ``load`` timed separately.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _corpus import write_corpus
from equipoise.config import load_settings
from equipoise.job import ingest, ingest_to_parquet, load_parquet
from equipoise.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="eq-dask-"))
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.articles)
    settings = load_settings(environ={})
    t0 = time.perf_counter()
    ingest([str(corpus)], settings=settings, store=Store(folder / "local.duckdb"), workers=1)
    local = time.perf_counter() - t0
    print(f"local engine, 1 worker: {local:.1f} s ({args.articles / local:.1f} articles/s)")
    for workers in (1, 2):
        out = folder / f"pq{workers}"
        t0 = time.perf_counter()
        ingest_to_parquet([str(corpus)], settings=settings, out_dir=out, workers=workers)
        dask = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_parquet(out, Store(folder / f"dask{workers}.duckdb"))
        load = time.perf_counter() - t0
        print(f"dask, {workers} worker(s): {dask:.1f} s ({args.articles / dask:.1f} articles/s,"
              f" x{local / dask:.2f} of local); load {load:.1f} s")


if __name__ == "__main__":
    main()
