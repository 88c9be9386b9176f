"""Calibration of the balance interval and verdict on corpora of known truth.

A simulated period has a true share ``p`` of the focal country's weighted engagement
going to the first power. Stories are drawn per side (Poisson, means ``p * stories`` and
``(1 - p) * stories``), each with a weight from the weights file's typical values and
reported by one or more articles. The period is then read exactly as ``balance`` reads
a store (stories grouped through shared articles, the interval, the verdict), and we
count how often the interval covers the true index ``2p - 1`` and how often a
directional verdict comes out. Used by a test (small) and ``bench/bench_calibration.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from equipoise.analyse.evidence import (
    BALANCED,
    TOO_LITTLE,
    group_weights,
    share_interval,
    story_groups,
    verdict,
)
from equipoise.analyse.weights import VerdictRules

# Typical event weights (type x rank): an untitled pledge up to a leaders' summit visit.
STORY_WEIGHTS: tuple[float, ...] = (1.5, 2.0, 3.0, 4.5, 6.0, 9.0, 12.0)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One cell of the simulation grid."""

    share: float            # true share of weighted engagement toward the first power
    stories: float          # mean number of stories per period, both sides together
    articles: float = 3.0   # mean articles per story (at least one)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the method did over the runs of one scenario (runs with no story excluded)."""

    scenario: Scenario
    runs: int
    covered: float          # share of runs whose interval contains the true index
    directional: float      # share of runs with a "tilted toward" verdict
    wrong_way: float        # share of runs tilted toward the power with the smaller share
    too_little: float
    balanced: float


def _period(scenario: Scenario, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Rows (story, article, side, weight) of one simulated period, as balance sees them."""
    n1 = rng.poisson(scenario.share * scenario.stories)
    n2 = rng.poisson((1.0 - scenario.share) * scenario.stories)
    side = np.r_[np.zeros(n1, dtype=bool), np.ones(n2, dtype=bool)]
    weight = rng.choice(STORY_WEIGHTS, size=n1 + n2)
    reports = 1 + rng.poisson(scenario.articles - 1.0, size=n1 + n2)
    story = np.repeat(np.arange(n1 + n2), reports)
    first = (np.cumsum(reports) - reports).astype(np.int64)
    row_weight = np.zeros(len(story))
    row_weight[first] = weight
    return story, np.arange(len(story)), side[story], row_weight


def run_scenario(
    scenario: Scenario, *, runs: int, seed: int, rules: VerdictRules | None = None
) -> Outcome:
    """Simulate ``runs`` periods of ``scenario`` and score interval and verdict."""
    rules = rules or VerdictRules()
    rng = np.random.default_rng(seed)
    truth = 2.0 * scenario.share - 1.0
    between = ("P1", "P2")
    counts = {"covered": 0, "directional": 0, "wrong": 0, TOO_LITTLE: 0, BALANCED: 0, "n": 0}
    for _ in range(runs):
        story, article, side, weight = _period(scenario, rng)
        if len(story) == 0:
            continue
        w1, w2 = group_weights(story_groups(story, article), side, weight)
        found = share_interval(w1, w2, rules=rules)
        index = float((w1.sum() - w2.sum()) / (w1.sum() + w2.sum()))
        said = verdict(index, found, between=between, min_stories=rules.min_stories, rules=rules)
        counts["n"] += 1
        counts["covered"] += found.low <= truth <= found.high
        if said.startswith("tilted"):
            counts["directional"] += 1
            counts["wrong"] += (said.endswith("P1") and truth < 0) or (
                said.endswith("P2") and truth > 0)
        else:
            counts[said] += 1
    n = max(counts["n"], 1)
    return Outcome(
        scenario=scenario, runs=counts["n"], covered=counts["covered"] / n,
        directional=counts["directional"] / n, wrong_way=counts["wrong"] / n,
        too_little=counts[TOO_LITTLE] / n, balanced=counts[BALANCED] / n,
    )  # fmt: skip


def run_grid(
    shares: Sequence[float], stories: Sequence[float], *, runs: int, seed: int = 0,
    rules: VerdictRules | None = None,
) -> list[Outcome]:  # fmt: skip
    """Every (share, stories) cell, each with its own reproducible random stream."""
    return [
        run_scenario(Scenario(share, mean), runs=runs, seed=seed + 1000 * i + j, rules=rules)
        for i, share in enumerate(shares)
        for j, mean in enumerate(stories)
    ]
