"""The maintained pair table gives the same rows as deriving pairs at query time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

import equipoise.store.dyads as pairs_module
import equipoise.store.pairs as table_module
from equipoise.analyse._pairs import ANNOUNCED, COUNTED, load_pairs
from equipoise.store import ArticleRecord, Store, write_batch
from equipoise.store.merge import update_clusters
from equipoise.store.pairs import ensure_pairs, pairs_current
from equipoise.store.query import EventFilter, count_events, query_events
from equipoise.store.write import stored_hashes

from .conftest import ART_A, ART_B, EV_ACCUSE, EV_MEET, TEXT_A, article, make_event

FILTERS = [
    {"codes": ["KOR", "JPN"]},
    {"involving": "KOR", "codes": ["KOR", "JPN", "CHN"]},
    {"involving": "JPN"},
    {"codes": ["KOR", "JPN", "CHN", "PRK", "UN"]},
    {"codes": [f"X{i:02d}" for i in range(20)] + ["KOR", "JPN"]},
    {"codes": ["KOR", "JPN", "CHN"], "since": date(2026, 1, 13), "until": date(2026, 1, 31)},
]


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairs_module, "pairs_current", lambda con: False)
    monkeypatch.setattr(table_module, "pairs_current", lambda con: False)  # Store.pairs_fresh


def _frame(store: Store, **kwargs: object) -> pd.DataFrame:
    with store.connect(read_only=True) as con:
        return load_pairs(con, statuses=COUNTED + ANNOUNCED, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def clustered(filled: Store) -> Iterator[Store]:
    """The filled store plus a second report of the Nara meeting, merged into one cluster."""
    text = "Lee and Takaichi met in Nara. " + TEXT_A
    again = article("c3", text, date(2026, 1, 15))
    copy = replace(make_event(again, "President Lee met Prime Minister Sanae Takaichi in Nara "
                              "on Tuesday.", "CONSULT", EV_MEET.actor, EV_MEET.recipient),
                   date=date(2026, 1, 14), date_precision="day", quad=1)
    write_batch(filled, [ArticleRecord(again, "coded")], [copy], run_id="run-2")
    update_clusters(filled)
    yield filled


@pytest.mark.parametrize("kwargs", FILTERS)
def test_table_rows_equal_derived_rows(clustered: Store, kwargs: dict[str, object],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with clustered.connect(read_only=True) as con:
        assert pairs_current(con)
    fast = _frame(clustered, **kwargs)
    _slow(monkeypatch)
    slow = _frame(clustered, **kwargs)
    pd.testing.assert_frame_equal(fast, slow)


def test_rows_follow_the_cluster(clustered: Store) -> None:
    rows = _frame(clustered, codes=["KOR", "JPN"])
    rows = rows[~rows["joint"]]
    assert len(rows) == 2 and rows["event_id"].nunique() == 1
    assert set(rows["date"]) == {date(2026, 1, 13)}  # the cluster's first date


def test_rows_carry_the_cluster_date_precision(filled: Store) -> None:
    again = article("c3", "Lee and Takaichi met in Nara. " + TEXT_A, date(2026, 1, 15))
    week = replace(make_event(again, "President Lee met Prime Minister Sanae Takaichi in Nara "
                              "on Tuesday.", "CONSULT", EV_MEET.actor, EV_MEET.recipient),
                   date=date(2026, 1, 14), date_precision="week", quad=1)
    write_batch(filled, [ArticleRecord(again, "coded")], [week], run_id="run-2")
    before = _frame(filled, codes=["KOR", "JPN"])
    assert set(before.loc[before["mention_id"] == week.id, "date_precision"]) == {"week"}
    update_clusters(filled)
    after = _frame(filled, codes=["KOR", "JPN"])
    after = after[~after["joint"]]
    assert after["event_id"].nunique() == 1
    assert set(after["date_precision"]) == {"day"}  # the cluster's first report's


def test_rewritten_article_leaves_no_pair_rows(filled: Store) -> None:
    assert len(_frame(filled, codes=["CHN", "JPN"])) == 2  # the accusation and the summit
    write_batch(filled, [ArticleRecord(ART_A, "coded")], [EV_MEET], run_id="run-2")
    assert _frame(filled, codes=["CHN", "JPN"]).empty
    assert list(_frame(filled, codes=["KOR", "JPN"])["mention_id"]) == [EV_MEET.id]


def test_hand_made_rows_make_the_table_stale_until_rebuilt(filled: Store) -> None:
    with filled.connect() as con:
        con.execute("INSERT INTO events (id, article_id, event_type, status, date) "
                    "VALUES ('hand', 'a1', 'AID', 'occurred', DATE '2026-03-01')")
        con.execute("INSERT INTO participants (event_id, role, position, code) VALUES "
                    "('hand', 'actor', 0, 'USA'), ('hand', 'recipient', 1, 'KOR')")
        assert not pairs_current(con)
    assert list(_frame(filled, codes=["USA", "KOR"])["mention_id"]) == ["hand"]
    with filled.connect() as con:
        assert ensure_pairs(con) and pairs_current(con)
        assert not ensure_pairs(con)
    assert list(_frame(filled, codes=["USA", "KOR"])["mention_id"]) == ["hand"]


def test_stale_flag_survives_later_writes(filled: Store) -> None:
    with filled.connect() as con:
        con.execute("DELETE FROM participants WHERE code = 'PRK'")
    write_batch(filled, [ArticleRecord(ART_B, "coded")], [], run_id="run-2")
    with filled.connect(read_only=True) as con:
        assert not pairs_current(con)


@pytest.mark.parametrize("flt", [
    EventFilter(actor="kor", recipient="JPN"),
    EventFilter(actor="CHN", recipient="JPN", order="-date", limit=1),
    EventFilter(actor="KOR", recipient="JPN", since=date(2026, 1, 14)),
    EventFilter(actor="KOR", recipient="JPN", order="quad", offset=1),
])  # fmt: skip
def test_filtered_page_from_pairs_equals_the_scan(clustered: Store, flt: EventFilter,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fast, fast_count = query_events(clustered, flt), count_events(clustered, flt)
    _slow(monkeypatch)
    assert query_events(clustered, flt) == fast
    assert count_events(clustered, flt) == fast_count


def test_a_new_store_starts_current(store: Store) -> None:
    with store.connect() as con:
        assert pairs_current(con)


def test_stored_hashes_prefers_the_kept_article(filled: Store) -> None:
    copy = replace(ART_A, id="copy")
    write_batch(filled, [ArticleRecord(copy, "duplicate", canonical_id="a1")], [], run_id="r")
    with filled.connect() as con:
        found = stored_hashes(con, [ART_A.content_hash, "nothing", ART_A.content_hash])
        assert found == {ART_A.content_hash: "a1"}
        assert stored_hashes(con, []) == {}


def test_unordered_actor_pairs_are_joint(filled: Store) -> None:
    rows = _frame(filled, codes=["KOR", "CHN"])
    assert list(rows["joint"]) == [True] and rows["status"].tolist() == ["future"]
    assert EV_ACCUSE.id in set(_frame(filled, codes=["CHN", "JPN"])["mention_id"])


@pytest.mark.parametrize("flt", [
    EventFilter(actor="kor"),
    EventFilter(actor="JPN", order="-date", limit=1),
    EventFilter(recipient="JPN", since=date(2026, 1, 13)),
    EventFilter(recipient="PRK", event_type="ACCUSE", status="occurred"),
    EventFilter(actor="CHN", order="id", offset=1),
    EventFilter(actor="KOR", recipient="KOR"),
])  # fmt: skip
def test_page_of_one_code_from_the_code_table_equals_the_scan(
        clustered: Store, flt: EventFilter, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, fast_count = query_events(clustered, flt), count_events(clustered, flt)
    _slow(monkeypatch)
    assert query_events(clustered, flt) == fast
    assert count_events(clustered, flt) == fast_count


def test_rewritten_article_leaves_no_code_rows(filled: Store) -> None:
    write_batch(filled, [ArticleRecord(ART_A, "coded")], [EV_MEET], run_id="run-2")
    with filled.connect(read_only=True) as con:
        rows = con.execute("SELECT code, role, event_id FROM event_codes "
                           "WHERE article_id = 'a1' ORDER BY role").fetchall()
    assert rows == [("KOR", "actor", EV_MEET.id), ("JPN", "recipient", EV_MEET.id)]
