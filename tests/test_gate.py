"""Accuracy gate: a change that lowers the coder's accuracy on our gold set fails CI.

The gold set (tests/gold) is our own articles coded by the guideline; the held-out set
(tests/holdout) was written by an engineer other than the coder's author. Thresholds sit
a little under the measured figures (gold F1 0.88 / precision 0.98, held-out F1 0.80 /
precision 0.93; the shared visible set of 35 real articles, F1 0.90 / precision 0.96 since
issue 10); raise them when the coder improves.
"""

from pathlib import Path

import pytest

from equipoise.config import Settings
from equipoise.evaluate import evaluate
from equipoise.pipeline import extract

from .conftest import ROOT, SHARED_EVAL

GOLD = ROOT / "tests" / "gold"


def _score(articles: Path, gold: Path, settings: Settings) -> tuple[float, float, float]:
    files = sorted(str(p) for p in articles.glob("*.json") if (gold / p.name).exists())
    predicted = {o.article.id: [e.to_dict() for e in o.events]
                 for o in extract(files, settings=settings) if o.article is not None}
    total, _ = evaluate(articles, gold, predicted)
    return total.precision, total.recall, total.f1


def test_gate_on_our_gold_set(settings: Settings) -> None:
    precision, recall, f1 = _score(GOLD / "articles", GOLD / "gold", settings)
    assert f1 >= 0.84, (precision, recall, f1)
    assert precision >= 0.93, (precision, recall, f1)


def test_gate_on_the_held_out_set(settings: Settings) -> None:
    holdout = ROOT / "tests" / "holdout"
    precision, recall, f1 = _score(holdout / "articles", holdout / "gold", settings)
    assert f1 >= 0.74, (precision, recall, f1)
    assert precision >= 0.88, (precision, recall, f1)


@pytest.mark.skipif(not (SHARED_EVAL / "gold").is_dir(), reason="shared eval set not present")
def test_gate_on_the_shared_visible_set(settings: Settings) -> None:
    precision, recall, f1 = _score(SHARED_EVAL / "articles", SHARED_EVAL / "gold", settings)
    assert f1 >= 0.88, (precision, recall, f1)
    assert precision >= 0.94, (precision, recall, f1)
