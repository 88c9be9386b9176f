"""How much a period's evidence says about a balance: independent stories and an interval.

Reports are not independent evidence. Several articles on one summit are one story (the
store's cross-article cluster), and several stories told by one article share that
article's framing and selection, so stories linked through a shared article count as one
*independent story*. The interval is a Bayesian one on the share of weighted engagement
that goes to the first power: the weighted counts are scaled to their effective number of
independent stories (Kish: ``(sum w)^2 / sum w^2``) and given a Jeffreys prior, so one
story yields a band nearly as wide as the scale and many stories a narrow one. The
calibration of this choice is measured by ``bench/bench_calibration.py`` and reported in
docs/analysis.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import beta as beta_dist

from equipoise.analyse.weights import VerdictRules

TOO_LITTLE = "too little evidence"
BALANCED = "balanced"


@dataclass(frozen=True, slots=True)
class Interval:
    """Share interval of one period, on the index scale (-1..+1)."""

    stories: int          # independent stories with weight on either side
    stories_p1: int       # of which with weight toward the first power
    stories_p2: int
    effective: float      # Kish effective number of independent stories
    low: float
    high: float
    lean_p1: float        # posterior probability that the share favours the first power


def story_groups(story: np.ndarray, article: np.ndarray) -> np.ndarray:
    """A group number per row: stories that share an article fall in one group."""
    if len(story) == 0:
        return np.zeros(0, dtype=np.int64)
    _, s = np.unique(story, return_inverse=True)
    _, a = np.unique(article, return_inverse=True)
    parent = np.arange(s.max() + 1)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    first_story: dict[int, int] = {}
    for si, ai in zip(s.tolist(), a.tolist(), strict=True):
        other = first_story.setdefault(ai, si)
        ra, rb = root(si), root(other)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([root(int(x)) for x in s], dtype=np.int64)
    return np.unique(roots, return_inverse=True)[1]


def group_weights(
    group: np.ndarray, side: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Summed weight toward each power per group (side False: first power)."""
    size = int(group.max()) + 1 if len(group) else 0
    w1 = np.bincount(group, weights=np.where(side, 0.0, weight), minlength=size)
    w2 = np.bincount(group, weights=np.where(side, weight, 0.0), minlength=size)
    return w1, w2


def share_interval(w1: np.ndarray, w2: np.ndarray, *, rules: VerdictRules) -> Interval:
    """Jeffreys-prior Beta interval on the first power's share, scaled to -1..+1."""
    total = w1 + w2
    keep = total > 0
    w1, w2, total = w1[keep], w2[keep], total[keep]
    stories = int(keep.sum())
    if stories == 0:
        effective, share = 0.0, 0.5
    else:
        effective = float(total.sum() ** 2 / np.square(total).sum())
        share = float(w1.sum() / total.sum())
    a = share * effective + rules.prior
    b = (1.0 - share) * effective + rules.prior
    low, high = beta_dist.ppf([rules.band_low / 100.0, rules.band_high / 100.0], a, b)
    return Interval(
        stories=stories, stories_p1=int((w1 > 0).sum()), stories_p2=int((w2 > 0).sum()),
        effective=effective, low=float(2 * low - 1), high=float(2 * high - 1),
        lean_p1=float(beta_dist.sf(0.5, a, b)),
    )  # fmt: skip


def verdict(
    index: float | None, interval: Interval, *, between: tuple[str, str], min_stories: int,
    rules: VerdictRules,
) -> str:  # fmt: skip
    """Too little evidence, balanced, or tilted toward a power (rules in docs/analysis.md)."""
    if index is None or interval.stories < max(1, min_stories):
        return TOO_LITTLE
    if abs(index) > rules.balanced_max_abs:
        if interval.lean_p1 >= rules.tilt_probability:
            return f"tilted toward {between[0]}"
        if 1.0 - interval.lean_p1 >= rules.tilt_probability:
            return f"tilted toward {between[1]}"
    if interval.low > -rules.undecided_reach and interval.high < rules.undecided_reach:
        return BALANCED
    return TOO_LITTLE
