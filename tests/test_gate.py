"""Accuracy gate: a change that lowers the coder's accuracy on our gold set fails CI.

The gold set (tests/gold) is our own articles coded by the guideline; the held-out set
(tests/holdout) was written by an engineer other than the coder's author. Thresholds sit
a little under the measured figures (gold F1 0.87 / precision 0.96, held-out F1 0.80 /
precision 0.93; the shared visible set of 35 real articles, F1 0.92 / precision 0.96 since
issue 10; the development sets tests/holdout2 F1 0.70 / precision 0.81 after issue 10's
third round, tests/holdout3 F1 0.76 / precision 0.84 and tests/holdout4 F1 0.83 /
precision 0.90 after its fourth); raise them when the coder improves.
"""

from pathlib import Path

import pytest

from equipoise.config import Settings
from equipoise.evaluate import Score, evaluate
from equipoise.pipeline import extract

from .conftest import ROOT, SHARED_EVAL

GOLD = ROOT / "tests" / "gold"
# The domestic set (issue 12), measured 2026-12-07 (fourth round) at F1 0.83 / precision
# 0.94 / recall 0.75 / sector accuracy 0.92, over the F1 0.80, and the same after the
# fifth (sectors 0.91); the misses left are constructions the coder has no rule for yet
# (docs/actors.md lists them).
DOMESTIC_F1 = 0.80
DOMESTIC_PRECISION = 0.92
DOMESTIC_SECTORS = 0.90


def _total(articles: Path, gold: Path, settings: Settings, *, sectors: bool = False
           ) -> Score:
    files = sorted(str(p) for p in articles.glob("*.json") if (gold / p.name).exists())
    predicted = {o.article.id: [e.to_dict() for e in o.events]
                 for o in extract(files, settings=settings) if o.article is not None}
    total, _ = evaluate(articles, gold, predicted, sectors=sectors)
    return total


def _score(articles: Path, gold: Path, settings: Settings) -> tuple[float, float, float]:
    total = _total(articles, gold, settings)
    return total.precision, total.recall, total.f1


def test_gate_on_our_gold_set(settings: Settings) -> None:
    precision, recall, f1 = _score(GOLD / "articles", GOLD / "gold", settings)
    assert f1 >= 0.86, (precision, recall, f1)  # 0.889 after issue 10's fourth round
    assert precision >= 0.93, (precision, recall, f1)


# Each held-out set's gate (F1, precision), a little under its figure; the sets' READMEs
# hold their history. tests/holdout: round 1 held-out, since read (0.797 / 0.934).
# tests/holdout2: written by analysts who never saw the rules, a development set since
# issue 10's second round (0.574 / 0.805 before it; 0.718 / 0.825 after the fourth).
# tests/holdout3: kept from the coder's authors until the third round, dev since (0.50 /
# 0.71 when frozen; 0.758 / 0.837 after the fourth). tests/holdout4: the third round's
# unseen set (0.48 / 0.77 before it, unchanged after), dev in the fourth (0.828 / 0.904).
# tests/holdout5: the fourth round's unseen set, frozen before that round's coder work was
# measured on it (0.523 / 0.792 before, 0.553 / 0.730 after: the dev-set gains did not
# transfer); a development set in the fifth round: 0.802 / 0.905 after it (act5 with gen5
# and main merged; holdout 0.803 / 0.950, holdout2 0.727 / 0.828 then); nom5 with gen5,
# act5, ref5 merged: holdout4 0.833 / 0.905, holdout5 0.806 / 0.906; ref5 with all four
# merged: holdout2 0.733 / 0.842 (a stated count no longer resolved to fewer parties).
# tests/holdout6: the fifth round's unseen set, frozen before that round's coder work was
# measured on it: 0.573 / 0.812 before, 0.577 / 0.831 after (place 0.936); again the
# dev-set gains (holdout5 0.553 -> 0.806) did not transfer.
HELD_OUT_GATES = {"holdout": (0.77, 0.92), "holdout2": (0.71, 0.82),
                  "holdout3": (0.73, 0.81), "holdout4": (0.81, 0.88),
                  "holdout5": (0.78, 0.88), "holdout6": (0.55, 0.80)}


@pytest.mark.parametrize("name", sorted(HELD_OUT_GATES))
def test_gate_on_a_held_out_set(settings: Settings, name: str) -> None:
    folder = ROOT / "tests" / name
    precision, recall, f1 = _score(folder / "articles", folder / "gold", settings)
    min_f1, min_precision = HELD_OUT_GATES[name]
    assert f1 >= min_f1, (precision, recall, f1)
    assert precision >= min_precision, (precision, recall, f1)


@pytest.mark.skipif(not (SHARED_EVAL / "gold").is_dir(), reason="shared eval set not present")
def test_gate_on_the_shared_visible_set(settings: Settings) -> None:
    precision, recall, f1 = _score(SHARED_EVAL / "articles", SHARED_EVAL / "gold", settings)
    assert f1 >= 0.92, (precision, recall, f1)  # 0.929 in the fourth round, 0.934 in the fifth
    assert precision >= 0.95, (precision, recall, f1)  # 0.968 in the fifth


def test_gate_on_the_domestic_set(settings: Settings) -> None:
    """Issue 12's gold set of domestic and sub-state events (tests/domestic), scored with
    sectors: a same-country event counts only with the right two sectors. The issue asks
    for F1 0.80 and sector accuracy 0.85; the thresholds pin what the coder reaches now
    (DOMESTIC_F1 above) so that it cannot fall back."""
    domestic = ROOT / "tests" / "domestic"
    total = _total(domestic / "articles", domestic / "gold", settings, sectors=True)
    figures = (total.precision, total.recall, total.f1, total.sector_accuracy)
    assert total.f1 >= DOMESTIC_F1, figures
    assert total.precision >= DOMESTIC_PRECISION, figures
    assert (total.sector_accuracy or 0.0) >= DOMESTIC_SECTORS, figures


# The domestic sets written by analysts who never saw the rules, each on other events, to
# see whether issue 12's work transfers (READMEs there); gates (F1, precision, sectors).
# tests/domestic2 (fourth round's unseen set): 0.405 / 0.762 before it, 0.439 / 0.750
# after; dev in the fifth round (general constructions only, docs/actors.md): 0.688 /
# 0.914, sectors 0.98. tests/domestic3 (fifth round's unseen set, frozen before the round
# was measured on it): 0.333 / 0.882 before and after, sectors 0.967: no transfer.
DOMESTIC_UNSEEN_GATES = {"domestic2": (0.66, 0.88, 0.95), "domestic3": (0.31, 0.85, 0.94)}


@pytest.mark.parametrize("name", sorted(DOMESTIC_UNSEEN_GATES))
def test_gate_on_an_unseen_domestic_set(settings: Settings, name: str) -> None:
    domestic = ROOT / "tests" / name
    total = _total(domestic / "articles", domestic / "gold", settings, sectors=True)
    figures = (total.precision, total.recall, total.f1, total.sector_accuracy)
    min_f1, min_precision, min_sectors = DOMESTIC_UNSEEN_GATES[name]
    assert total.f1 >= min_f1, figures
    assert total.precision >= min_precision, figures
    assert (total.sector_accuracy or 0.0) >= min_sectors, figures


# Place accuracy (the location's country on the required units found), measured
# 2026-12-07 after issue 10's third round (actors and places): gold 0.865, held-out 0.875,
# the unseen set 0.914 (0.833 before the round); after the fourth (act4 with gen4): gold
# 0.872, holdout2 0.743, holdout3 0.922, holdout4 0.922 (0.806 before the round); the
# fourth round's unseen set holdout5 0.875 (0.825 before it); after the fifth (act5 with
# gen5): holdout2 0.778, holdout3 0.941, holdout5 0.974.
PLACE_GATES = {"gold": 0.84, "holdout": 0.85, "holdout2": 0.75, "holdout3": 0.92,
               "holdout4": 0.89, "holdout5": 0.95, "holdout6": 0.91}


@pytest.mark.parametrize("name", sorted(PLACE_GATES))
def test_place_gate(settings: Settings, name: str) -> None:
    folder = ROOT / "tests" / name
    total = _total(folder / "articles", folder / "gold", settings)
    place = total.place_ok / total.place_n if total.place_n else 0.0
    assert place >= PLACE_GATES[name], (place, total.place_ok, total.place_n)
