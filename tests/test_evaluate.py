from typing import Any

from equipoise.evaluate import pairs_of, score_article


def ev(kind: str, actor: list[str], recipient: list[str], status: str = "occurred",
       **extra: Any) -> dict[str, Any]:
    return {"event_type": kind, "actor": [{"country": c} for c in actor],
            "recipient": [{"country": c} for c in recipient], "status": status,
            "evidence": {"text": "e"}, **extra}


def gold(kind: str, actor: list[str], recipient: list[str], required: bool = True,
         **extra: Any) -> dict[str, Any]:
    return {"type": kind, "actor": actor, "recipient": recipient, "required": required, **extra}


def test_pairs_follow_the_guideline() -> None:
    assert pairs_of(["JPN", "KOR", "CHN"], []) == {frozenset(p) for p in
                                                   [("JPN", "KOR"), ("CHN", "JPN"), ("CHN", "KOR")]}
    assert pairs_of(["KOR"], ["CHN", "JPN"]) == {frozenset(("KOR", "CHN")),
                                                 frozenset(("KOR", "JPN"))}
    assert pairs_of(["PRK"], []) == {frozenset(("PRK",))}


def test_hit_miss_false_positive_and_repeat() -> None:
    g = [gold("CONSULT", ["CHN"], ["KOR"]), gold("AGREE", ["KOR", "JPN"], [])]
    p = [ev("CONSULT", ["KOR"], ["CHN"]), ev("CONSULT", ["CHN"], ["KOR"]),
         ev("ACCUSE", ["USA"], ["CHN"])]
    s = score_article(g, p)
    assert (s.true_positive, s.false_positive, s.found, s.required) == (1, 1, 1, 2)
    assert s.precision == 0.5 and s.recall == 0.5


def test_alternative_types_and_optional_units() -> None:
    g = [gold("AGREE", ["KOR", "JPN"], [], alt_types=["COOPERATE"]),
         gold("SUPPORT", ["KOR"], ["JPN"], required=False)]
    s = score_article(g, [ev("COOPERATE", ["JPN", "KOR"], []), ev("SUPPORT", ["KOR"], ["JPN"])])
    assert (s.true_positive, s.false_positive, s.found) == (1, 0, 1)


def test_a_claim_fills_the_unit_of_its_own_type_before_one_it_fits_as_an_alternative() -> None:
    # As the shared scorer: the SUPPORT claim takes the SUPPORT unit, leaving the AGREE unit
    # (which also accepts SUPPORT) to the AGREE claim; both are found.
    g = [gold("AGREE", ["KOR"], ["JPN"], alt_types=["SUPPORT"]), gold("SUPPORT", ["KOR"], ["JPN"])]
    s = score_article(g, [ev("SUPPORT", ["KOR"], ["JPN"]), ev("AGREE", ["KOR"], ["JPN"])])
    assert (s.true_positive, s.false_positive, s.found) == (2, 0, 2)


def test_a_future_and_an_occurred_claim_are_two_claims() -> None:
    g = [gold("AGREE", ["KOR"], ["JPN"]), gold("AGREE", ["KOR"], ["CHN"], status="future")]
    p = [ev("AGREE", ["KOR"], ["USA"]), ev("AGREE", ["KOR"], ["USA"], status="future")]
    assert score_article(g, p).false_positive == 2


def test_hypothetical_and_negated_are_not_claims() -> None:
    s = score_article([], [ev("ASSAULT", ["JPN"], ["CHN"], status="hypothetical"),
                           ev("CONSULT", ["RUS"], ["UKR"], status="negated")])
    assert s.false_positive == 0


def test_date_tolerance_follows_gold_precision() -> None:
    g = [gold("CONSULT", ["KOR"], ["JPN"], date="2026-01-14", date_precision="week",
              location="JPN")]
    near = score_article(g, [ev("CONSULT", ["KOR"], ["JPN"], date="2026-01-11",
                                location={"country": "JPN"})])
    far = score_article(g, [ev("CONSULT", ["KOR"], ["JPN"], date="2026-01-01",
                               location={"country": "KOR"})])
    assert (near.date_ok, near.place_ok) == (1, 1)
    assert (far.date_ok, far.place_ok) == (0, 0)


def _pred(kind: str, actor: list[tuple[str, str]], recipient: list[tuple[str, str]]
          ) -> dict[str, object]:
    return {"event_type": kind, "status": "occurred", "evidence": {"text": "x"},
            "actor": [{"country": c, "sector": s} for c, s in actor],
            "recipient": [{"country": c, "sector": s} for c, s in recipient]}


DOMESTIC_GOLD = [
    {"type": "COERCE", "actor": ["GEO"], "actor_sectors": ["COP"], "recipient": ["GEO"],
     "recipient_sectors": ["CVL"], "required": True},
    {"type": "ACCUSE", "actor": ["USA"], "actor_sectors": ["GOV"], "recipient": ["GEO"],
     "recipient_sectors": ["COP"], "required": True},
]


def test_sector_scoring_pairs_the_sectors_of_a_domestic_event() -> None:
    right = [_pred("COERCE", [("GEO", "COP")], [("GEO", "CVL")])]
    wrong = [_pred("COERCE", [("GEO", "GOV")], [("GEO", "CVL")])]
    assert score_article(DOMESTIC_GOLD, right, sectors=True).found == 1
    missed = score_article(DOMESTIC_GOLD, wrong, sectors=True)
    assert (missed.found, missed.false_positive) == (0, 1)
    # without sectors a same-country event is one code, as the shared scorer reads it
    assert score_article(DOMESTIC_GOLD, wrong).found == 1


def test_sector_accuracy_counts_each_gold_participant_of_a_matched_unit() -> None:
    predicted = [_pred("ACCUSE", [("USA", "GOV")], [("GEO", "GOV")]),
                 _pred("COERCE", [("GEO", "COP")], [("GEO", "CVL")])]
    score = score_article(DOMESTIC_GOLD, predicted, sectors=True)
    assert score.found == 2
    assert (score.sector_ok, score.sector_n) == (3, 4)  # GEO/COP said to be GEO/GOV
    assert score.sector_accuracy == 0.75
