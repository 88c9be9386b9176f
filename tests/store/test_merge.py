"""Cross-article event merging: clusters of reports of one event, and analysis over them."""

from __future__ import annotations

from datetime import date

import pytest

from equipoise.analyse.dyads import dyad_series
from equipoise.errors import ConfigError
from equipoise.store.clusters import MemberRow, get_cluster
from equipoise.store.db import Store
from equipoise.store.merge import MergeOptions, assign_clusters, merge_all, update_clusters
from equipoise.store.write import ArticleRecord, write_batch

from ..scale.conftest import CHINA, JAPAN, LEE, TAKAICHI, article, event

MEET_1 = article("wire-1", "President Lee met Prime Minister Takaichi in Nara on Tuesday.",
                 "Yonhap")
MEET_2 = article("paper-2", "Takaichi welcomed Lee to her home town of Nara on Tuesday.",
                 "Kyodo")
MEET_3 = article("blog-3", "Lee and Takaichi met again on Friday to sign a pact.", "Kyodo")


def _write(store: Store, *pairs: tuple[object, ...]) -> None:
    records = [ArticleRecord(p[0], "coded") for p in pairs]  # type: ignore[arg-type]
    events = [p[1] for p in pairs]
    write_batch(store, records, events, run_id="r")  # type: ignore[arg-type]
    update_clusters(store, [e.id for e in events])  # type: ignore[attr-defined]


def _clusters(store: Store) -> list[tuple[str, date, int, int, int]]:
    with store.connect() as con:
        return con.execute(
            "SELECT dyad, date, mentions, articles, outlets FROM event_clusters ORDER BY date"
        ).fetchall()


def test_paraphrased_reports_of_one_meeting_are_one_cluster(store: Store) -> None:
    # Ordered one way in one article and the other way in the next: CONSULT is unordered.
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (TAKAICHI,), (LEE,), date(2026, 1, 13))
    _write(store, (MEET_1, e1), (MEET_2, e2))
    assert _clusters(store) == [("JPN+KOR", date(2026, 1, 13), 2, 2, 2)]
    with store.connect() as con:
        info = get_cluster(con, e2.id)
    assert info is not None
    assert info.article_ids == ("paper-2", "wire-1")
    assert set(info.evidence) == {MEET_1.text, MEET_2.text}


def test_different_dates_are_two_clusters(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e3 = event(MEET_3, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 16))
    _write(store, (MEET_1, e1), (MEET_3, e3))
    assert [c[2] for c in _clusters(store)] == [1, 1]


def test_one_day_apart_merges_and_week_precision_reaches_further(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 14))
    e3 = event(MEET_3, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 18), "week")
    _write(store, (MEET_1, e1), (MEET_2, e2), (MEET_3, e3))
    assert _clusters(store) == [("JPN+KOR", date(2026, 1, 13), 3, 3, 2)]


def test_ordered_types_keep_direction(store: Store) -> None:
    e1 = event(MEET_1, "ACCUSE", (CHINA,), (JAPAN,), date(2026, 1, 13))
    e2 = event(MEET_2, "ACCUSE", (JAPAN,), (CHINA,), date(2026, 1, 13))
    _write(store, (MEET_1, e1), (MEET_2, e2))
    assert sorted(c[0] for c in _clusters(store)) == ["CHN>JPN", "JPN>CHN"]


def test_status_and_type_keep_events_apart(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13), status="future")
    _write(store, (MEET_1, e1), (MEET_2, e2))
    assert len(_clusters(store)) == 2


def test_coarse_and_undated_events_stay_alone() -> None:
    rows = [MemberRow("a", "k", date(2026, 1, 1), "month"),
            MemberRow("b", "k", date(2026, 1, 1), "day"),
            MemberRow("c", "k", None, None),
            MemberRow("d", "k", date(2026, 1, 2), "day")]
    assert assign_clusters(rows) == [("a", "a", "k"), ("b", "b", "k"), ("d", "b", "k"),
                                     ("c", "c", "k")]


def test_clusters_are_anchored_so_a_daily_series_does_not_chain() -> None:
    rows = [MemberRow(f"e{d}", "k", date(2026, 1, d), "day") for d in range(1, 6)]
    clusters = [c for _, c, _ in assign_clusters(rows)]
    assert clusters == ["e1", "e1", "e3", "e3", "e5"]


def test_result_does_not_depend_on_arrival_order(store: Store, tmp_path: object) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 14))
    _write(store, (MEET_2, e2))
    _write(store, (MEET_1, e1))
    assert _clusters(store) == [("JPN+KOR", date(2026, 1, 13), 2, 2, 2)]
    with store.connect() as con:
        members = con.execute("SELECT DISTINCT cluster_id FROM event_cluster_members").fetchall()
    assert members == [(e1.id,)]


def test_rewritten_article_leaves_no_stale_member(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    _write(store, (MEET_1, e1), (MEET_2, e2))
    write_batch(store, [ArticleRecord(MEET_2, "coded")], [], run_id="r2")  # now no events
    update_clusters(store)
    assert _clusters(store) == [("JPN+KOR", date(2026, 1, 13), 1, 1, 1)]


def test_merge_all_rebuilds_with_new_tolerance(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e3 = event(MEET_3, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 16))
    _write(store, (MEET_1, e1), (MEET_3, e3))
    summary = merge_all(store, options=MergeOptions(day=3))
    assert (summary.events, summary.clusters) == (2, 1)
    assert _clusters(store)[0][2:] == (2, 2, 2)


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(ConfigError):
        MergeOptions(day=-1)


def test_dyad_series_counts_clusters_not_reports(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (TAKAICHI,), (LEE,), date(2026, 1, 14))
    e3 = event(MEET_3, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 20))
    _write(store, (MEET_1, e1), (MEET_2, e2), (MEET_3, e3))
    with store.connect(read_only=True) as con:
        frame = dyad_series(con, "KOR", "JPN")
    combined = frame[frame["direction"] == "combined"].iloc[0]
    assert (combined["events"], combined["CONSULT"]) == (2, 2)


def test_unclustered_events_still_count(store: Store) -> None:
    e1 = event(MEET_1, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    e2 = event(MEET_2, "CONSULT", (LEE,), (TAKAICHI,), date(2026, 1, 13))
    write_batch(store, [ArticleRecord(MEET_1, "coded"), ArticleRecord(MEET_2, "coded")],
                [e1, e2], run_id="r")
    with store.connect(read_only=True) as con:
        frame = dyad_series(con, "KOR", "JPN")
    assert frame[frame["direction"] == "combined"].iloc[0]["events"] == 2
