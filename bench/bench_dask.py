"""(d) The Dask engine with 1 and 2 workers against the local engine, same articles.

    .venv/bin/python bench/bench_dask.py [--articles 100]

Local: ``ingest`` into a store with 1 and 2 workers (a process pool for 2). Dask:
``ingest --engine dask`` into Parquet on a LocalCluster of 1 and 2 workers (its
start-up and each worker's model load included, as a user would see them, as the
pool's are), then ``load`` timed separately. Targets (issue 15, 2,000 articles):
two Dask workers >= 1.7x one, and within 15 % of the local pool with two.
"""

from __future__ import annotations

import argparse
import os
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
    print(f"{args.articles} articles; load {os.getloadavg()[0]:.1f}")
    local: dict[int, float] = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        ingest([str(corpus)], settings=settings, store=Store(folder / f"local{workers}.duckdb"),
               workers=workers)
        local[workers] = time.perf_counter() - t0
        print(f"local engine, {workers} worker(s): {local[workers]:.1f} s "
              f"({args.articles / local[workers]:.1f} articles/s)")
    dask: dict[int, float] = {}
    for workers in (1, 2):
        out = folder / f"pq{workers}"
        t0 = time.perf_counter()
        ingest_to_parquet([str(corpus)], settings=settings, out_dir=out, workers=workers)
        dask[workers] = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_parquet(out, Store(folder / f"dask{workers}.duckdb"))
        load = time.perf_counter() - t0
        share = local[workers] / dask[workers]
        print(f"dask, {workers} worker(s): {dask[workers]:.1f} s "
              f"({args.articles / dask[workers]:.1f} articles/s, x{share:.2f} of the local "
              f"engine with {workers}); load {load:.1f} s")
    print(f"dask 2 workers: x{dask[1] / dask[2]:.2f} of one (target 1.7); "
          f"x{local[2] / dask[2]:.2f} of the local pool (target >= 0.85); "
          f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
