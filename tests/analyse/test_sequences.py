from datetime import date, timedelta

import pytest

from equipoise.analyse.sequences import sequences

from .conftest import Connect, Ev, P

SEOUL_DAY = date(2026, 1, 5)


def _reference(gap_days: int, *, japan_title: str = "Prime Minister") -> list[Ev]:
    return [
        Ev(
            "xi",
            "CONSULT",
            SEOUL_DAY,
            [P("CHN", "President")],
            [P("KOR", "President")],
            mode="visit",
            place="Seoul",
            evidence="Lee hosted Xi in Seoul",
        ),
        Ev(
            "nara",
            "CONSULT",
            SEOUL_DAY + timedelta(days=gap_days),
            [P("KOR", "President")],
            [P("JPN", japan_title)],
            mode="visit",
            place="Nara",
            evidence="Lee met Takaichi in Nara",
        ),
    ]


def test_reference_sequence_seoul_then_nara(store: Connect) -> None:
    [seq] = sequences(store(_reference(7)), "KOR")
    assert (seq.first.power, seq.second.power, seq.gap_days) == ("CHN", "JPN", 7)
    assert seq.first.places == ("Seoul",) and seq.second.places == ("Nara",)
    assert seq.first.event_ids == ("xi",) and seq.second.event_ids == ("nara",)
    assert seq.second.evidence == ("Lee met Takaichi in Nara",)


def test_forty_days_apart_is_no_sequence(store: Connect) -> None:
    assert sequences(store(_reference(40)), "KOR") == []
    assert len(sequences(store(_reference(40)), "KOR", within_days=40)) == 1


def test_minister_level_meeting_is_not_a_summit(store: Connect) -> None:
    assert sequences(store(_reference(7, japan_title="Foreign Minister")), "KOR") == []


def test_unknown_titles_are_accepted_and_powers_filter(store: Connect) -> None:
    events = _reference(7, japan_title="")
    events.append(Ev("ru", "CONSULT", SEOUL_DAY + timedelta(days=3), [P("KOR")], [P("RUS")]))
    found = sequences(store(events), "KOR", powers=["CHN", "JPN"])
    assert [(s.first.power, s.second.power) for s in found] == [("CHN", "JPN")]


def test_same_power_twice_and_organisations_are_not_sequences(store: Connect) -> None:
    events = [
        Ev("c1", "CONSULT", SEOUL_DAY, [P("KOR")], [P("CHN")]),
        Ev("c2", "CONSULT", SEOUL_DAY + timedelta(days=2), [P("KOR")], [P("CHN")]),
        Ev("eu", "CONSULT", SEOUL_DAY + timedelta(days=4), [P("KOR")], [P("EU")]),
        Ev(
            "fut", "CONSULT", SEOUL_DAY + timedelta(days=5), [P("KOR")], [P("JPN")], status="future"
        ),
    ]
    assert sequences(store(events), "KOR") == []


def test_negative_window_is_an_error(store: Connect) -> None:
    from equipoise.analyse.errors import AnalysisError

    with pytest.raises(AnalysisError):
        sequences(store([]), "KOR", within_days=-1)
