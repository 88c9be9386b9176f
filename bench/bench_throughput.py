"""(a) Pipeline throughput against bare spaCy ``nlp.pipe`` on the same texts.

    .venv/bin/python bench/bench_throughput.py [--articles 200] [--workers 1,2] [--repeat 3]

Bare spaCy: the project's pipeline (``load_nlp``: the model plus the two small
sentence components) over the texts, ``nlp.pipe`` with ``n_process`` = workers; the
stock model (``spacy.load``) is timed too. Pipeline: ``ingest`` into a fresh store
(read, clean, dedup, parse, code, store, merge) with ``--workers``. A warm-up ingest
of a few articles first loads what every run loads once (coder data, language
profiles), as the bare side loads its model before the clock starts. Rounds
alternate bare and pipeline; the ratio (pipeline words/s / bare words/s, same workers)
is the median over rounds, with wall time and, for one worker, CPU time of this
process (less sensitive to other load on a shared machine). The 1-minute load
average is printed with each round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from _corpus import texts, write_corpus
from equipoise.config import Settings, load_settings
from equipoise.job import ingest
from equipoise.nlp.pipeline import load_nlp
from equipoise.store import Store


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def bare(nlp: spacy.language.Language, all_texts: list[str], workers: int
         ) -> tuple[float, float]:
    wall, cpu = clocks()
    for _ in nlp.pipe(all_texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def pipeline(corpus: Path, workers: int, db: Path, settings: Settings
             ) -> tuple[float, float, int]:
    store = Store(db)
    wall, cpu = clocks()
    summary = ingest([str(corpus)], settings=settings, store=store, workers=workers)
    return time.perf_counter() - wall, time.process_time() - cpu, summary.counts.new


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="eq-bench-"))
    corpus, warm = folder / "corpus.jsonl", folder / "warm.jsonl"
    words = write_corpus(corpus, args.articles)
    write_corpus(warm, 5, seed=1)
    all_texts = texts(corpus)
    settings = load_settings(environ={})
    ours, stock = load_nlp(settings.spacy_model), spacy.load(settings.spacy_model)
    ingest([str(warm)], settings=settings, store=Store(folder / "warm.duckdb"), workers=1)
    print(f"{args.articles} articles, {words} words, {os.cpu_count()} cores, {load()}")
    speeds: dict[int, float] = {}
    for workers in (int(w) for w in args.workers.split(",")):
        ratios, cpu_ratios, stock_ratios, rates = [], [], [], []
        for round_ in range(args.repeat):
            s_wall, _ = bare(stock, all_texts, workers)
            b_wall, b_cpu = bare(ours, all_texts, workers)
            db = folder / f"w{workers}-{round_}.duckdb"
            p_wall, p_cpu, new = pipeline(corpus, workers, db, settings)
            ratios.append(b_wall / p_wall)
            stock_ratios.append(s_wall / p_wall)
            cpu_ratios.append(b_cpu / p_cpu)
            rates.append(words / p_wall)
            cpu = f", CPU ratio {b_cpu / p_cpu:.2f}" if workers == 1 else ""
            print(f"  workers={workers} round {round_ + 1}: stock spaCy {words / s_wall:,.0f} "
                  f"words/s, bare {words / b_wall:,.0f} words/s, pipeline "
                  f"{words / p_wall:,.0f} words/s ({new / p_wall:.1f} articles/s, {new} coded); "
                  f"ratio {b_wall / p_wall:.2f}{cpu}; {load()}")
        cpu = f"; CPU {statistics.median(cpu_ratios):.2f}" if workers == 1 else ""
        print(f"workers={workers}: ratio to bare spaCy {statistics.median(ratios):.2f} "
              f"(median of {args.repeat}; to the stock model {statistics.median(stock_ratios):.2f}"
              f"{cpu}; target 0.90 with one worker)")
        speeds[workers] = statistics.median(rates)
    for workers, rate in speeds.items():
        if workers != 1 and 1 in speeds:
            print(f"pipeline with {workers} workers: x{rate / speeds[1]:.2f} of one worker "
                  "(target 1.8 with two)")


if __name__ == "__main__":
    main()
