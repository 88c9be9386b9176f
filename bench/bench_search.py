"""(f) Article search at scale: build the FTS5 sidecar index, then query it.

    .venv/bin/python bench/bench_search.py [--articles 100000] [--repeat 5]

Articles are written straight into a fresh store (sample-corpus paragraphs recombined,
four per article, five outlets, two years of dates; no coding, search needs none), then
the sidecar index is built from nothing, topped up after 1% more articles, and queried:
a two-word search, a rare word, a prefix, a search within one outlet and month, and the
plain newest-first list. Prints seconds for each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from _corpus import OUTLETS, sample_paragraphs
from equipoise.store import ArticleQuery, Store, index_path, search_articles, sync_index

QUERIES = {
    "two words": ArticleQuery(text="Nara summit"),
    "rare word": ArticleQuery(text="Horyuji"),
    "prefix": ArticleQuery(text="sanction*"),
    "word + outlet + month": ArticleQuery(text="missile", outlet=OUTLETS[0],
                                          since=date(2025, 3, 1), until=date(2025, 3, 31)),
    "newest first, no words": ArticleQuery(),
}


def fill(store: Store, n: int, *, first: int = 0, seed: int = 0) -> None:
    rng = random.Random(seed + first)
    pool = sample_paragraphs()
    start = date(2024, 1, 1)
    frame = pd.DataFrame({
        "id": [f"a{i:07d}" for i in range(first, first + n)],
        "title": [rng.choice(pool)[:80] for _ in range(n)],
        "outlet": [OUTLETS[i % len(OUTLETS)] for i in range(first, first + n)],
        "published": [start + timedelta(days=rng.randrange(730)) for _ in range(n)],
        "text": ["\n\n".join(rng.sample(pool, 4)) for _ in range(n)],
    })
    with store.connect() as con:
        cur = con.cursor()  # a cursor of its own: the opening checks leave a result behind
        cur.register("new_articles", frame)
        cur.execute("INSERT INTO articles (id, title, outlet, published, text, status) "
                    "SELECT id, title, outlet, published, text, 'coded' FROM new_articles")


def timed(call: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "search.duckdb")
        started = time.perf_counter()
        fill(store, args.articles)
        print(f"{args.articles} articles written in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        sync_index(store)
        size = index_path(store).stat().st_size / 1e6
        print(f"index built in {time.perf_counter() - started:.1f} s ({size:.0f} MB)")
        more = max(1, args.articles // 100)
        fill(store, more, first=args.articles)
        started = time.perf_counter()
        added, _ = sync_index(store)
        print(f"{added} new articles indexed in {time.perf_counter() - started:.2f} s")
        for name, query in QUERIES.items():
            seconds = timed(lambda q=query: search_articles(store, q), args.repeat)
            total = search_articles(store, query).total
            print(f"{name:<24} {seconds * 1000:7.0f} ms  ({total} matches)")


if __name__ == "__main__":
    main()
