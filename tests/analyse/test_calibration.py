"""The balance interval is calibrated on simulated corpora of known truth (small size).

``bench/bench_calibration.py`` runs the same grid with many more runs.
"""

import pytest

from equipoise.analyse.calibration import Scenario, run_grid, run_scenario


def test_interval_covers_truth_and_balanced_truth_rarely_tilts() -> None:
    outcomes = run_grid((0.5, 0.75, 0.9), (6.0, 30.0), runs=300, seed=11)
    for o in outcomes:
        assert 0.85 <= o.covered <= 0.95, o
        assert o.wrong_way == 0.0, o
        if o.scenario.share == 0.5:
            assert o.directional <= 0.05, o
    strong = [o for o in outcomes if o.scenario == Scenario(0.9, 30.0)]
    assert strong[0].directional > 0.9  # the method can still see a real tilt


@pytest.mark.parametrize("share", [0.5, 0.9])
def test_a_story_reported_by_many_articles_is_still_one_story(share: float) -> None:
    """Forty articles per story do not shrink the interval below its calibrated width."""
    outcome = run_scenario(Scenario(share, 6.0, articles=40.0), runs=200, seed=3)
    assert 0.85 <= outcome.covered <= 0.97
