from datetime import date

from equipoise.analyse.profiles import profile

from .conftest import Connect, Ev, P

DAY = date(2026, 2, 1)
EVENTS = [
    Ev(
        "s",
        "CONSULT",
        DAY,
        [P("KOR", "President")],
        [P("JPN", "Prime Minister")],
        mode="visit",
        contexts=("diplomatic", "military"),
        evidence="summit in Nara",
    ),
    Ev("p", "AGREE", DAY, [P("KOR"), P("JPN")], contexts=("economic",)),
    Ev("x", "ACCUSE", DAY, [P("JPN")], [P("KOR")], contexts=("territory", "diplomatic")),
    Ev("h", "ASSAULT", DAY, [P("JPN")], [P("KOR")], status="hypothetical"),
]


def test_contexts_and_top_events(store: Connect) -> None:
    found = profile(store(EVENTS), "KOR", "JPN", top=2)
    assert found.events == 3
    counts = found.contexts.set_index("context")
    assert counts.loc["diplomatic", "events"] == 2
    assert counts.loc["diplomatic", "cooperative"] == 1
    assert counts.loc["diplomatic", "conflictual"] == 1
    assert found.contexts.iloc[0]["context"] == "diplomatic"
    assert list(found.top["event_id"]) == ["s", "p"]
    assert found.top.iloc[0]["evidence"] == "summit in Nara"
    assert found.top.iloc[0]["direction"] == "KOR->JPN"
    assert found.top.iloc[1]["direction"] == "KOR+JPN"


def test_empty_profile(store: Connect) -> None:
    found = profile(store(EVENTS), "KOR", "CHN")
    assert found.events == 0 and found.contexts.empty and found.top.empty
