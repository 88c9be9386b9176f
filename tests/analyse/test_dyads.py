from datetime import date

from equipoise.analyse.dyads import dyad_series
from equipoise.store.pairs import pairs_current

from .conftest import Connect, Ev, P


def _row(df, period: str, direction: str):  # type: ignore[no-untyped-def]
    hit = df[(df["period"] == period) & (df["direction"] == direction)]
    assert len(hit) == 1
    return hit.iloc[0]


EVENTS = [
    Ev("e1", "CONSULT", date(2026, 1, 5), [P("KOR")], [P("CHN")], article="a1", intensity=4),
    Ev("e2", "AGREE", date(2026, 1, 6), [P("KOR"), P("CHN")], article="a1", intensity=3),
    Ev("e3", "ACCUSE", date(2026, 3, 2), [P("CHN")], [P("KOR")], article="a2", intensity=-2),
    Ev("e4", "SANCTION", date(2026, 3, 9), [P("CHN")], [P("KOR")], article="a3", intensity=-6),
    Ev("e5", "AGREE", date(2026, 3, 9), [P("CHN")], [P("KOR")], status="future", article="a3"),
    Ev("e6", "ASSAULT", date(2026, 3, 9), [P("CHN")], [P("KOR")], status="negated"),
    Ev("e7", "CONSULT", date(2026, 1, 9), [P("KOR")], [P("JPN")]),
]


def test_counts_directions_and_gap_months(store: Connect) -> None:
    df = dyad_series(store(EVENTS), "KOR", "CHN")
    assert list(dict.fromkeys(df["period"])) == ["2026-01", "2026-02", "2026-03"]
    assert len(df) == 12
    jan_ab = _row(df, "2026-01", "KOR->CHN")
    assert (jan_ab["events"], jan_ab["CONSULT"], jan_ab["quad1"]) == (1, 1, 1)
    assert _row(df, "2026-01", "KOR+CHN")["AGREE"] == 1
    jan = _row(df, "2026-01", "combined")
    assert (jan["events"], jan["articles"], jan["net_cooperation"]) == (2, 1, 7.0)
    assert _row(df, "2026-02", "combined")["events"] == 0
    mar_ba = _row(df, "2026-03", "CHN->KOR")
    assert (mar_ba["events"], mar_ba["quad3"], mar_ba["quad4"]) == (2, 1, 1)
    assert mar_ba["net_cooperation"] == -8.0
    assert mar_ba["announced"] == 1
    assert _row(df, "2026-03", "KOR->CHN")["events"] == 0


def test_future_included_by_option(store: Connect) -> None:
    df = dyad_series(store(EVENTS), "KOR", "CHN", include_future=True)
    assert _row(df, "2026-03", "combined")["events"] == 3


def test_by_week_and_since(store: Connect) -> None:
    df = dyad_series(store(EVENTS), "KOR", "CHN", by="week", since=date(2026, 3, 1))
    assert list(dict.fromkeys(df["period"])) == ["2026-W10", "2026-W11"]


def test_no_events_gives_empty_frame(store: Connect) -> None:
    df = dyad_series(store(EVENTS), "KOR", "RUS")
    assert df.empty
    assert "net_cooperation" in df.columns


def test_rows_come_period_by_period_in_direction_order_with_fixed_types(store: Connect) -> None:
    df = dyad_series(store(EVENTS), "KOR", "CHN")
    assert list(df["direction"][:4]) == ["KOR->CHN", "CHN->KOR", "KOR+CHN", "combined"]
    assert list(df["period"]) == [p for p in ("2026-01", "2026-02", "2026-03") for _ in range(4)]
    assert str(df["events"].dtype) == "int64" and str(df["net_cooperation"].dtype) == "float64"
    assert str(df["SANCTION"].dtype) == "int64" and df["SANCTION"].sum() == 2  # CHN->KOR, all


def test_a_known_fresh_pair_table_gives_the_same_series(store: Connect) -> None:
    con = store(EVENTS, merge=True)  # pairs built by equipoise: the table is current
    assert pairs_current(con)
    checked = dyad_series(con, "KOR", "CHN")
    told = dyad_series(con, "KOR", "CHN", fresh=True)
    assert checked.equals(told)
    derived = dyad_series(con, "KOR", "CHN", fresh=False)  # as for a store changed by hand
    assert derived.equals(checked)
