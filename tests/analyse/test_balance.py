from datetime import date

import numpy as np
import pytest

from equipoise.analyse.balance import (
    BALANCED,
    TOO_LITTLE,
    balance,
    bootstrap_band,
    share_index,
    verdict,
)
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.weights import VerdictRules

from .conftest import Connect, Ev, P

JAN = date(2026, 1, 10)


def coop(
    eid: str,
    power: str,
    day: date = JAN,
    *,
    article: str | None = None,
    kind: str = "AGREE",
    mode: str | None = None,
    title: str | None = None,
) -> Ev:
    return Ev(eid, kind, day, [P("KOR", title)], [P(power, title)], article=article, mode=mode)


def test_no_events_gives_no_periods(store: Connect) -> None:
    assert balance(store([]), "KOR", ("CHN", "JPN")) == []


def test_one_side_only_is_plus_one_and_tilted(store: Connect) -> None:
    events = [coop("a", "CHN", article="x"), coop("b", "CHN", article="y")]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert (period.index, period.low, period.high) == (1.0, 1.0, 1.0)
    assert period.verdict == "tilted toward CHN"
    assert period.weight_p2 == 0.0


def test_one_side_below_min_events_is_too_little(store: Connect) -> None:
    [period] = balance(store([coop("a", "JPN")]), "KOR", ("CHN", "JPN"))
    assert period.index == -1.0
    assert period.verdict == TOO_LITTLE


def test_equal_engagement_is_zero_and_balanced(store: Connect) -> None:
    events = [coop(f"c{i}", "CHN", article=f"art{i}") for i in range(3)]
    events += [coop(f"j{i}", "JPN", article=f"art{i}") for i in range(3)]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert period.index == 0.0
    assert (period.low, period.high) == (0.0, 0.0)
    assert period.events == 6
    assert period.verdict == BALANCED


def test_conflict_only_reports_zero_with_conflict_view(store: Connect) -> None:
    events = [Ev(f"x{i}", "ACCUSE", JAN, [P("CHN")], [P("KOR")]) for i in range(3)]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert (period.index, period.events, period.verdict) == (0.0, 0, TOO_LITTLE)
    assert period.conflict_index == 1.0
    assert period.conflict_events == 3


def test_leaders_summit_outweighs_vice_minister_call(store: Connect) -> None:
    events = [
        coop("s", "CHN", kind="CONSULT", mode="visit", title="President", article="a"),
        coop("c", "JPN", kind="CONSULT", mode="phone", title="Vice Foreign Minister", article="a"),
    ]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"), n_boot=0)
    assert period.weight_p1 == pytest.approx(12.0)
    assert period.weight_p2 == pytest.approx(3.0)
    assert period.index == pytest.approx(9.0 / 15.0)
    assert period.verdict == "tilted toward CHN"


def _mixed() -> list[Ev]:
    events = [coop(f"c{i}", "CHN", article=f"c{i}") for i in range(7)]
    return events + [coop(f"j{i}", "JPN", article=f"j{i}") for i in range(4)]


def test_bootstrap_is_deterministic_with_seed(store: Connect) -> None:
    con = store(_mixed())
    first = balance(con, "KOR", ("CHN", "JPN"), seed=7)
    again = balance(con, "KOR", ("CHN", "JPN"), seed=7)
    other = balance(con, "KOR", ("CHN", "JPN"), seed=8)
    assert first == again
    assert first[0].low < first[0].index < first[0].high
    assert other[0].index == first[0].index


def test_band_depends_on_seed_only() -> None:
    w1 = np.array([1.0, 2.5, 0.0, 4.0, 0.0, 1.5])
    w2 = np.array([0.0, 0.0, 3.0, 0.0, 2.0, 0.0])

    def band(seed: int) -> tuple[float, float]:
        return bootstrap_band(
            w1, w2, n_boot=50, rng=np.random.default_rng(seed), percentiles=(5, 95)
        )

    assert band(1) == band(1)
    assert band(1) != band(2)


def test_gap_periods_and_rolling_window(store: Connect) -> None:
    events = [
        coop("a", "CHN", date(2026, 1, 3), article="x"),
        coop("b", "CHN", date(2026, 1, 4), article="y"),
        coop("c", "JPN", date(2026, 3, 3), article="z"),
        coop("d", "JPN", date(2026, 3, 4), article="w"),
    ]
    con = store(events)
    periods = balance(con, "KOR", ("CHN", "JPN"))
    assert [p.period for p in periods] == ["2026-01", "2026-02", "2026-03"]
    gap = periods[1]
    assert (gap.index, gap.events, gap.verdict) == (0.0, 0, TOO_LITTLE)
    rolled = balance(con, "KOR", ("CHN", "JPN"), window=3)
    assert rolled[2].events == 4 and rolled[2].index == 0.0
    assert rolled[0].events == 2


def test_future_reported_separately_or_included(store: Connect) -> None:
    events = [
        coop("a", "CHN", article="x"),
        coop("b", "CHN", article="y"),
        Ev("f", "AGREE", JAN, [P("KOR")], [P("JPN")], status="future"),
        Ev("h", "AGREE", JAN, [P("KOR")], [P("JPN")], status="hypothetical"),
    ]
    con = store(events)
    [period] = balance(con, "KOR", ("CHN", "JPN"))
    assert period.index == 1.0 and period.announced_p2 == pytest.approx(1.5)
    [included] = balance(con, "KOR", ("CHN", "JPN"), include_future=True)
    assert included.events == 3 and included.index < 1.0


def test_joint_event_without_recipient_counts(store: Connect) -> None:
    events = [
        Ev("j", "AGREE", JAN, [P("KOR"), P("JPN")], article="x"),
        Ev("k", "AGREE", JAN, [P("JPN"), P("KOR")], article="y"),
    ]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert (period.index, period.events) == (-1.0, 2)


def test_bad_options_raise() -> None:
    with pytest.raises(AnalysisError):
        balance(None, "KOR", ("CHN", "CHN"))  # type: ignore[arg-type]
    with pytest.raises(AnalysisError):
        balance(None, "KOR", ("KOR", "CHN"))  # type: ignore[arg-type]


def test_share_index_and_band_helpers() -> None:
    assert share_index(3.0, 1.0) == 0.5
    assert share_index(0.0, 0.0) == 0.0
    rng = np.random.default_rng(0)
    assert bootstrap_band(np.array([]), np.array([]), n_boot=10, rng=rng, percentiles=(5, 95)) == (
        -1.0,
        1.0,
    )


@pytest.mark.parametrize(
    ("index", "low", "high", "events", "expected"),
    [
        (0.6, 0.3, 0.9, 5, "tilted toward CHN"),
        (-0.6, -0.9, -0.3, 5, "tilted toward JPN"),
        (0.1, -0.2, 0.4, 5, BALANCED),
        (0.4, -0.1, 0.7, 5, BALANCED),
        (0.2, -0.6, 0.8, 5, TOO_LITTLE),
        (0.9, 0.8, 1.0, 1, TOO_LITTLE),
    ],
)
def test_verdict_rules(index: float, low: float, high: float, events: int, expected: str) -> None:
    got = verdict(
        index, low, high, events, between=("CHN", "JPN"), min_events=2, rules=VerdictRules()
    )
    assert got == expected
