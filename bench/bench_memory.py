"""(b) Peak memory of ``ingest`` by corpus size, one fresh process per size.

    .venv/bin/python bench/bench_memory.py [--sizes 1000,10000,30000] [--coder stub|real]

``--coder stub`` skips parsing and coding (each article is stored as coded, with no
events) so that large sizes finish in minutes; it measures everything else the run
holds: reader, cleaning, duplicate index, batches in flight, store writes. ``--coder real`` runs
the full pipeline (about 15 articles/s on one core here; 100k takes hours).
Peak RSS is ``ru_maxrss`` of the child process.

``--per-file N`` splits the corpus into JSON Lines files of N articles: the JSONL
reader holds a whole file in memory (text and its lines), which by itself grows by
about 2.5 kB per article of a single-file corpus.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import write_corpus
from equipoise.models import Article
from equipoise.pipeline import Outcome


def child(corpus: str, db: str, coder: str, workers: int) -> None:
    from equipoise.config import load_settings
    from equipoise.job import ingest
    from equipoise.scale import parallel
    from equipoise.store import Store

    if coder == "stub":
        parallel.code_batch = _stub  # type: ignore[assignment]
    t0 = time.perf_counter()
    summary = ingest([corpus], settings=load_settings(environ={}), store=Store(db),
                     workers=workers)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{summary.counts.read} {summary.counts.new} {rss:.1f} {time.perf_counter() - t0:.1f}")


def _stub(articles: list[Article], resources: object) -> list[Outcome]:
    """Every article coded with no events: stored like any other, without spaCy."""
    return [Outcome(a.source, a) for a in articles]


def shard(corpus: Path, per_file: int) -> Path:
    """The corpus as a folder of JSON Lines files of ``per_file`` lines each."""
    out = corpus.with_suffix("")
    out.mkdir()
    lines = corpus.read_text("utf-8").splitlines(keepends=True)
    for start in range(0, len(lines), per_file):
        part = out / f"part-{start // per_file:05d}.jsonl"
        part.write_text("".join(lines[start:start + per_file]), "utf-8")
    corpus.unlink()
    return out


def run(size: int, coder: str, workers: int, folder: Path, per_file: int
        ) -> tuple[int, float, float]:
    corpus = folder / f"c{size}.jsonl"
    write_corpus(corpus, size, seed=size)
    if per_file:
        corpus = shard(corpus, per_file)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(folder / f"s{size}.duckdb"),
         coder, str(workers)], capture_output=True, text=True, check=True,
    )
    _read, new, rss, seconds = out.stdout.split()
    return int(new), float(rss), float(seconds)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--coder", choices=["stub", "real"], default="stub")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=0,
                        help="split the corpus into JSONL files of this many articles")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="eq-mem-"))
    peaks: list[tuple[int, float]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        new, rss, seconds = run(size, args.coder, args.workers, folder, args.per_file)
        peaks.append((size, rss))
        print(f"{size:>7} articles ({new} new, coder={args.coder}): peak RSS {rss:,.0f} MB, "
              f"{seconds:.0f} s")
    for (a, ra), (b, rb) in itertools.pairwise(peaks):
        print(f"{a} -> {b}: peak RSS x{rb / ra:.2f}")


if __name__ == "__main__":
    main()
