"""(e) Calibration of the balance interval and verdict on simulated corpora of known truth.

    .venv/bin/python bench/bench_calibration.py [--runs 2000] [--seed 0]

For each true share of engagement toward the first power (0.5 = balanced) and each
mean number of stories per period, simulate ``--runs`` periods (stories drawn per side,
several articles per story, weights from the weights file's typical values), read them
as ``balance`` does, and print how often the 90% interval covers the true index and how
often a directional verdict comes out. Target: coverage 85-95% in every cell, and at
most 5% directional verdicts when the truth is balanced.
"""

from __future__ import annotations

import argparse
import time

from equipoise.analyse.calibration import run_grid

SHARES = (0.5, 0.6, 0.75, 0.9)
STORIES = (3.0, 6.0, 12.0, 30.0, 80.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    outcomes = run_grid(SHARES, STORIES, runs=args.runs, seed=args.seed)
    print(f"{'share':>5} {'index':>6} {'stories':>7} {'runs':>5} {'covered':>7} "
          f"{'tilted':>6} {'wrong':>5} {'balanced':>8} {'too little':>10}")
    for o in outcomes:
        s = o.scenario
        print(f"{s.share:5.2f} {2 * s.share - 1:+6.2f} {s.stories:7.0f} {o.runs:5d} "
              f"{o.covered:7.1%} {o.directional:6.1%} {o.wrong_way:5.1%} {o.balanced:8.1%} "
              f"{o.too_little:10.1%}")
    coverage = [o.covered for o in outcomes]
    null = [o.directional for o in outcomes if o.scenario.share == 0.5]
    print(f"coverage: min {min(coverage):.1%}, max {max(coverage):.1%} (target 85-95%)")
    print(f"directional verdicts with a balanced truth: max {max(null):.1%} (target <= 5%)")
    print(f"{len(outcomes) * args.runs} simulated periods in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
