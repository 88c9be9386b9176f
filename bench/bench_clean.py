"""Cost of the page-furniture filter and the page-date reader against the phrase list alone.

Runs over the sample corpus's texts (and the shared evaluation articles when present),
repeated, and prints milliseconds per article for: the phrase list alone (what cleaning
did before), the shape filter, the date reader, and the whole of ``clean_document``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from equipoise.ingest._boilerplate import default_boilerplate
from equipoise.ingest._junk import default_cues, filter_lines
from equipoise.ingest._published import text_date
from equipoise.ingest._text import drop_boilerplate, paragraphs
from equipoise.ingest.clean import clean_document, extract_html
from equipoise.ingest.readers import iter_documents
from equipoise.models import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "src" / "equipoise" / "data" / "sample",
           ROOT.parent / "shared" / "eval" / "articles")


def _documents() -> list[RawDocument]:
    paths = [str(p) for p in SOURCES if p.is_dir()]
    return [d for d in iter_documents(paths) if isinstance(d, RawDocument)]


def _per_article(step: Callable[[], object], count: int, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        step()
    return (time.perf_counter() - start) * 1000 / (count * rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    docs = _documents()
    texts = [extract_html(d.body).text if d.fmt == "html" else d.body for d in docs]
    paras = [paragraphs(t) for t in texts]
    cues, phrases, today = default_cues(), default_boilerplate(), date.today()
    filtered = [filter_lines(p, cues, phrases) for p in paras]
    n, r = len(docs), args.rounds
    rows = {
        "phrase list alone": lambda: [drop_boilerplate(p, phrases) for p in paras],
        "shape filter": lambda: [filter_lines(p, cues, phrases) for p in paras],
        "date reader": lambda: [text_date(f, cues, url=d.url, today=today)
                                for f, d in zip(filtered, docs, strict=True)],
        "clean_document": lambda: [clean_document(d) for d in docs],
    }
    print(f"{n} articles, {r} rounds")
    for name, step in rows.items():
        rounds = max(1, r // 10) if name == "clean_document" else r
        print(f"{name:20} {_per_article(step, n, rounds):8.3f} ms/article")


if __name__ == "__main__":
    main()
