"""Synthetic corpora for the benchmarks: sample-corpus paragraphs recombined.

Each synthetic article joins a few paragraphs drawn at random from all sample
articles, with its own id, outlet and publication date, so that articles are
different enough for the near-duplicate check to keep almost all of them.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from equipoise.config import load_settings
from equipoise.models import Article
from equipoise.pipeline import read_articles

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "equipoise" / "data" / "sample"
OUTLETS = ("Wire A", "Daily B", "Gazette C", "Herald D", "Times E")


def sample_paragraphs() -> list[str]:
    settings = load_settings(environ={})
    paragraphs: list[str] = []
    for item in read_articles([str(SAMPLE)], settings=settings):
        if isinstance(item, Article):
            paragraphs += [p.strip() for p in item.text.split("\n\n") if len(p.split()) > 12]
    return paragraphs


def write_corpus(path: Path, n: int, *, per_article: int = 4, seed: int = 0) -> int:
    """Write ``n`` synthetic articles as JSON Lines; returns the number of words."""
    rng = random.Random(seed)
    pool = sample_paragraphs()
    words = 0
    start = date(2024, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = "\n\n".join(rng.sample(pool, per_article))
            words += len(text.split())
            row = {"id": f"syn-{i:07d}", "title": f"Synthetic {i}", "text": text,
                   "outlet": OUTLETS[i % len(OUTLETS)],
                   "published": (start + timedelta(days=rng.randrange(730))).isoformat()}
            out.write(json.dumps(row) + "\n")
    return words


def texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]
