"""Throughput of ``extract`` over the sample corpus with and without the learned layer.

    .venv/bin/python bench/bench_learned.py [--rounds 2]

Both configurations are loaded first (model loads are not measured), then timed in
alternating rounds in the same process; the best round of each counts, so a busy
neighbour on the shared cores hurts both alike. Prints articles/s, the ratio (with /
without) and how many events each configuration coded.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from _corpus import SAMPLE
from equipoise.config import Settings, load_settings
from equipoise.pipeline import Resources, extract


def run(settings: Settings) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    articles = events = 0
    for outcome in extract([str(SAMPLE)], settings=settings):
        articles += outcome.status == "coded"
        events += len(outcome.events)
    return time.perf_counter() - t0, articles, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    base = load_settings(environ={})
    configs = {"without": replace(base, learned_triggers=False),
               "with": replace(base, learned_triggers=True)}
    for settings in configs.values():
        Resources.load(settings)
    best: dict[str, tuple[float, int, int]] = {}
    for _ in range(args.rounds):
        for name, settings in configs.items():
            timed = run(settings)
            if name not in best or timed[0] < best[name][0]:
                best[name] = timed
    for name, (seconds, articles, events) in best.items():
        print(f"{name:>7} learned layer: {articles / seconds:.2f} articles/s "
              f"({articles} articles in {seconds:.1f} s, {events} events)")
    ratio = best["with"][0] / best["without"][0]
    print(f"time with / without: {ratio:.2f} (throughput cost {100 * (1 - 1 / ratio):.0f}%)")


if __name__ == "__main__":
    main()
