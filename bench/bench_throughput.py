"""(a) Pipeline throughput against bare spaCy ``nlp.pipe`` on the same texts.

    .venv/bin/python bench/bench_throughput.py [--articles 200] [--workers 1,2]

Bare spaCy: the project's pipeline over the texts (``n_process`` = workers).
Pipeline: ``ingest`` into a fresh store (read, clean, dedup, parse, code, store,
merge) with ``--workers``. Ratio = pipeline words/s / bare words/s, same workers.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _corpus import texts, write_corpus
from equipoise.config import load_settings
from equipoise.job import ingest
from equipoise.nlp.pipeline import load_nlp
from equipoise.store import Store


def bare(all_texts: list[str], workers: int, model: str) -> float:
    nlp = load_nlp(model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(all_texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - t0


def pipeline(corpus: Path, workers: int, folder: Path) -> tuple[float, int]:
    settings = load_settings(environ={})
    store = Store(folder / f"w{workers}.duckdb")
    t0 = time.perf_counter()
    summary = ingest([str(corpus)], settings=settings, store=store, workers=workers)
    return time.perf_counter() - t0, summary.counts.new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="eq-bench-"))
    corpus = folder / "corpus.jsonl"
    words = write_corpus(corpus, args.articles)
    all_texts = texts(corpus)
    model = load_settings(environ={}).spacy_model
    load_nlp(model)(all_texts[0])  # warm up: the load is not what is measured
    print(f"{args.articles} articles, {words} words")
    for workers in (int(w) for w in args.workers.split(",")):
        b = bare(all_texts, workers, model)
        p, new = pipeline(corpus, workers, folder)
        print(f"workers={workers}: bare spaCy {words / b:,.0f} words/s ({b:.1f} s); "
              f"pipeline {words / p:,.0f} words/s ({p:.1f} s, {new / p:.1f} articles/s, "
              f"{new} coded); ratio {b / p:.2f}")


if __name__ == "__main__":
    main()
