from datetime import date

import pytest

from equipoise.analyse.balance import BALANCED, TOO_LITTLE, balance, share_index
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.evidence import Interval, verdict
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
    precision: str | None = None,
) -> Ev:
    return Ev(eid, kind, day, [P("KOR", title)], [P(power, title)], article=article, mode=mode,
              precision=precision)  # fmt: skip


def test_no_events_gives_no_periods(store: Connect) -> None:
    assert balance(store([]), "KOR", ("CHN", "JPN")) == []


def test_one_sided_stories_are_plus_one_and_tilted(store: Connect) -> None:
    events = [coop(f"c{i}", "CHN", article=f"a{i}", kind="CONSULT", mode="visit",
                   title="President") for i in range(8)]  # fmt: skip
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert period.index == 1.0
    assert period.low is not None and period.high is not None
    assert 0.5 < period.low < period.high <= 1.0
    assert (period.stories, period.stories_p1, period.stories_p2) == (8, 8, 0)
    assert period.verdict == "tilted toward CHN"
    assert period.weight_p2 == 0.0


def test_below_min_stories_is_too_little(store: Connect) -> None:
    [period] = balance(store([coop("a", "JPN"), coop("b", "JPN")]), "KOR", ("CHN", "JPN"))
    assert period.index == -1.0
    assert period.verdict == TOO_LITTLE


def test_one_article_month_is_never_directional(store: Connect) -> None:
    """However many events one article reports, it is one independent story."""
    events = [coop(f"c{i}", "CHN", article="only", kind="CONSULT", mode="visit",
                   title="President") for i in range(12)]  # fmt: skip
    [period] = balance(store(events), "KOR", ("CHN", "JPN"), min_stories=1)
    assert period.events == 12 and period.stories == 1 and period.articles == 1
    assert period.verdict == TOO_LITTLE
    assert period.low is not None and period.low < -0.5


def test_many_articles_on_one_story_count_once(store: Connect) -> None:
    """Ten reports of one meeting are one story: weight once, interval still wide."""
    events = [coop(f"m{i}", "CHN", article=f"r{i}", precision="day") for i in range(10)]
    [period] = balance(store(events, merge=True), "KOR", ("CHN", "JPN"))
    assert (period.events, period.stories, period.articles) == (1, 1, 10)
    assert period.weight_p1 == pytest.approx(1.5)
    assert period.verdict == TOO_LITTLE


def test_equal_engagement_is_zero_and_balanced(store: Connect) -> None:
    events = [coop(f"c{i}", "CHN", article=f"c{i}") for i in range(20)]
    events += [coop(f"j{i}", "JPN", article=f"j{i}") for i in range(20)]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert period.index == 0.0
    assert period.low is not None and period.high is not None
    assert -0.5 < period.low < 0.0 < period.high < 0.5
    assert period.stories == 40
    assert period.verdict == BALANCED


def test_conflict_only_reports_zero_with_conflict_view(store: Connect) -> None:
    events = [Ev(f"x{i}", "ACCUSE", JAN, [P("CHN")], [P("KOR")]) for i in range(3)]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert (period.index, period.events, period.verdict) == (None, 0, TOO_LITTLE)
    assert (period.low, period.high, period.lean_p1) == (None, None, None)
    assert period.conflict_index == 1.0
    assert period.conflict_events == 3


def test_leaders_summit_outweighs_vice_minister_call(store: Connect) -> None:
    events = [
        coop("s", "CHN", kind="CONSULT", mode="visit", title="President", article="a"),
        coop("c", "JPN", kind="CONSULT", mode="phone", title="Vice Foreign Minister", article="b"),
    ]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert period.weight_p1 == pytest.approx(12.0)
    assert period.weight_p2 == pytest.approx(3.0)
    assert period.index == pytest.approx(9.0 / 15.0)
    assert period.verdict == TOO_LITTLE


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
    assert (gap.index, gap.low, gap.events, gap.verdict) == (None, None, 0, TOO_LITTLE)
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


def test_share_index_helper() -> None:
    assert share_index(3.0, 1.0) == 0.5
    assert share_index(0.0, 0.0) is None


def _interval(stories: int, lean: float, low: float = -0.1, high: float = 0.1) -> Interval:
    return Interval(stories=stories, stories_p1=stories, stories_p2=0, effective=stories,
                    low=low, high=high, lean_p1=lean)  # fmt: skip


@pytest.mark.parametrize(
    ("index", "interval", "expected"),
    [
        (0.6, _interval(20, 0.995, 0.3, 0.9), "tilted toward CHN"),
        (-0.6, _interval(20, 0.005, -0.9, -0.3), "tilted toward JPN"),
        (0.6, _interval(20, 0.97, -0.1, 0.9), TOO_LITTLE),
        (0.1, _interval(20, 0.7, -0.2, 0.4), BALANCED),
        (0.15, _interval(20, 0.999, 0.05, 0.3), BALANCED),
        (0.9, _interval(2, 0.999, 0.8, 1.0), TOO_LITTLE),
        (None, _interval(0, 0.5), TOO_LITTLE),
    ],
)
def test_verdict_rules(index: float | None, interval: Interval, expected: str) -> None:
    rules = VerdictRules()
    got = verdict(index, interval, between=("CHN", "JPN"), min_stories=3, rules=rules)
    assert got == expected


def test_year_precision_dates_stay_out_of_a_month_view(store: Connect) -> None:
    events = [coop(f"y{i}", "CHN", date(2026, 1, 1), article=f"y{i}", precision="year")
              for i in range(5)]  # fmt: skip
    events.append(coop("m", "JPN", date(2026, 3, 5), article="m", precision="day"))
    con = store(events)
    months = balance(con, "KOR", ("CHN", "JPN"))
    assert [p.period for p in months] == ["2026-03"]
    [year] = balance(con, "KOR", ("CHN", "JPN"), by="year")
    assert year.events == 6


def test_weights_sum_once_per_story_per_side(store: Connect) -> None:
    events = [coop(f"c{i}", "CHN", article=f"c{i}") for i in range(7)]
    events += [coop(f"j{i}", "JPN", article=f"j{i}") for i in range(4)]
    [period] = balance(store(events), "KOR", ("CHN", "JPN"))
    assert (period.weight_p1, period.weight_p2) == (pytest.approx(10.5), pytest.approx(6.0))
    assert period.low is not None and period.high is not None and period.index is not None
    assert period.low < period.index < period.high
    assert period.lean_p1 is not None and 0.5 < period.lean_p1 < 0.99
