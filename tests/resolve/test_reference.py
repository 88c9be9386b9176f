"""Dating undated articles from the office holders they name and year-less dates."""

from datetime import date

from equipoise.actors.dictionary import ActorDictionary
from equipoise.models import Actor
from equipoise.resolve.reference import infer_reference, office_window

ACTORS = ActorDictionary.load()
TAKAICHI = Actor(text="Prime Minister Sanae Takaichi", name="Sanae Takaichi", country="JPN",
                 title="Prime Minister")
HAMADA = Actor(text="Defence Minister Yasukazu Hamada", name="Yasukazu Hamada", country="JPN",
               title="Defence Minister")
TODAY = date(2026, 11, 29)


def test_window_is_the_term_of_the_named_office_holder() -> None:
    window = office_window([TAKAICHI], ACTORS, TODAY)
    assert window is not None and window[0] == date(2025, 10, 21) and window[1] == TODAY


def test_yearless_day_falls_in_the_term() -> None:
    ref = infer_reference("Beijing said on Nov. 14 it had protested; the envoy was summoned on "
                          "Nov. 13.", [TAKAICHI], ACTORS, today=TODAY)
    assert ref is not None and ref.day == date(2025, 11, 14)
    assert "Sanae Takaichi" in ref.because


def test_holiday_inside_a_closed_term() -> None:
    ref = infer_reference("The launch came on New Year's Day.", [HAMADA], ACTORS, today=TODAY)
    assert ref is not None and ref.day == date(2023, 1, 1)


def test_no_inference_without_both_clues() -> None:
    assert infer_reference("The talks ended on Tuesday.", [TAKAICHI], ACTORS, today=TODAY) is None
    assert infer_reference("The envoy was summoned on Nov. 13.", [], ACTORS, today=TODAY) is None
    untitled = Actor(text="Takaichi", name="Sanae Takaichi", country="JPN")
    assert infer_reference("On Nov. 13 she spoke.", [untitled], ACTORS, today=TODAY) is None
