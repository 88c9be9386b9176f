"""Filters, sorting, paging and the summary queries."""

from __future__ import annotations

from datetime import date

import pytest

from equipoise.errors import InputError, StoreError
from equipoise.store import (
    EventFilter,
    Store,
    corpus_summary,
    count_events,
    failures,
    get_article,
    get_event,
    query_events,
    search_actors,
)

from .conftest import EV_ACCUSE, EV_CONDEMN, EV_LAUNCH, EV_MEET, EV_SUMMIT


def _ids(store: Store, **kwargs: object) -> list[str]:
    return [r["id"] for r in query_events(store, EventFilter(**kwargs))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, {EV_MEET, EV_ACCUSE, EV_SUMMIT, EV_LAUNCH, EV_CONDEMN}),
        ({"actor": "KOR"}, {EV_MEET, EV_SUMMIT}),
        ({"actor": "kor"}, {EV_MEET, EV_SUMMIT}),
        ({"actor": "JPN"}, {EV_SUMMIT}),  # JPN is only a recipient of EV_MEET/EV_ACCUSE
        ({"actor": "un"}, {EV_CONDEMN}),
        ({"recipient": "jpn"}, {EV_MEET, EV_ACCUSE}),
        ({"recipient": "PRK"}, {EV_CONDEMN}),
        ({"actor": "CHN", "recipient": "JPN"}, {EV_ACCUSE}),
        ({"event_type": "accuse"}, {EV_ACCUSE, EV_CONDEMN}),
        ({"since": date(2026, 1, 13)}, {EV_MEET, EV_LAUNCH, EV_CONDEMN}),
        ({"until": date(2026, 1, 13)}, {EV_MEET, EV_ACCUSE}),
        ({"since": date(2026, 2, 1), "until": date(2026, 2, 2)}, {EV_LAUNCH}),
        ({"status": "future"}, {EV_SUMMIT}),
        ({"article_id": "b2"}, {EV_LAUNCH, EV_CONDEMN}),
        ({"actor": "XXX"}, set()),
    ],
)
def test_filters(filled: Store, kwargs: dict[str, object], expected: set[object]) -> None:
    got = _ids(filled, **kwargs)
    assert set(got) == {e.id for e in expected}  # type: ignore[attr-defined]
    assert count_events(filled, EventFilter(**kwargs)) == len(expected)  # type: ignore[arg-type]


def test_records_are_the_output_contract(filled: Store) -> None:
    [rec] = query_events(filled, EventFilter(recipient="PRK"))
    assert rec == EV_CONDEMN.to_dict()
    assert get_event(filled, EV_MEET.id) == EV_MEET.to_dict()
    assert get_event(filled, "missing") is None


def test_sort_by_date_puts_undated_last_both_ways(filled: Store) -> None:
    ascending = _ids(filled)
    descending = _ids(filled, order="-date")
    assert ascending[:4] == [EV_ACCUSE.id, EV_MEET.id, EV_LAUNCH.id, EV_CONDEMN.id]
    assert descending[:4] == [EV_CONDEMN.id, EV_LAUNCH.id, EV_MEET.id, EV_ACCUSE.id]
    assert ascending[-1] == descending[-1] == EV_SUMMIT.id


def test_sort_by_confidence(filled: Store) -> None:
    got = [r["confidence"] for r in query_events(filled, EventFilter(order="-confidence"))]
    assert got == sorted(got, reverse=True) and got[0] == 0.9


def test_pagination_walks_every_event_once(filled: Store) -> None:
    pages = [_ids(filled, limit=2, offset=o, order="id") for o in (0, 2, 4, 6)]
    assert [len(p) for p in pages] == [2, 2, 1, 0]
    flat = [i for p in pages for i in p]
    assert flat == sorted(flat) and len(set(flat)) == 5
    assert count_events(filled, EventFilter(limit=1)) == 5


@pytest.mark.parametrize(
    "order", ["date; DROP TABLE events", "-date; DROP TABLE events--", "record", "e.id", "1", ""]
)
def test_sort_whitelist_rejects_anything_else(filled: Store, order: str) -> None:
    with pytest.raises(InputError, match="cannot sort by"):
        EventFilter(order=order)
    assert count_events(filled, EventFilter()) == 5


def test_values_are_parameters_not_sql(filled: Store) -> None:
    nasty = "KOR') OR 1=1 --"
    assert _ids(filled, actor=nasty) == []
    assert _ids(filled, article_id="a1' OR '1'='1") == []
    assert search_actors(filled, "'; DROP TABLE participants; --") == []
    assert count_events(filled, EventFilter()) == 5


@pytest.mark.parametrize(
    "kwargs",
    [
        {"event_type": "HUG"},
        {"status": "maybe"},
        {"limit": -1},
        {"offset": -3},
        {"since": date(2026, 2, 1), "until": date(2026, 1, 1)},
    ],
)
def test_invalid_filters_are_input_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(InputError):
        EventFilter(**kwargs)  # type: ignore[arg-type]


def test_queries_on_missing_store_say_run_ingest(store: Store) -> None:
    with pytest.raises(StoreError, match="run equipoise ingest first"):
        query_events(store, EventFilter())


def test_get_article_missing_is_none(filled: Store) -> None:
    assert get_article(filled, "zzz") is None


def test_corpus_summary(filled: Store) -> None:
    s = corpus_summary(filled)
    assert (s.articles, s.events) == (4, 5)
    assert s.articles_by_status == {"coded": 2, "failed": 1, "skipped": 1}
    assert s.events_by_type == {"CONSULT": 2, "ACCUSE": 2, "MOBILIZE": 1}
    assert s.events_by_status == {"occurred": 4, "future": 1}
    assert (s.first_date, s.last_date) == (date(2026, 1, 12), date(2026, 2, 3))
    dyads = {(d.source, d.target): (d.count, d.forward, d.backward, d.joint)
             for d in s.top_dyads}
    # The dyad series' definition: occurred, dated events, per unordered pair with its
    # directions (the future, undated trilateral summit does not count).
    assert dyads == {("CHN", "JPN"): (1, 1, 0, 0), ("JPN", "KOR"): (1, 0, 1, 0),
                     ("PRK", "UN"): (1, 0, 1, 0)}  # fmt: skip
    assert len(corpus_summary(filled, top=2).top_dyads) == 2


def test_search_actors_by_code_name_and_text(filled: Store) -> None:
    hits = search_actors(filled, "kor")
    assert hits[0].code == "KOR" and hits[0].count == 2
    assert hits[0].name == "Lee Jae-myung"
    assert [h.code for h in search_actors(filled, "takaichi")] == ["JPN"]
    assert [h.code for h in search_actors(filled, "united nations")] == ["UN"]
    everyone = search_actors(filled, "")
    assert {h.code for h in everyone} == {"KOR", "JPN", "CHN", "PRK", "UN"}
    assert everyone[0].count >= everyone[-1].count
    assert len(search_actors(filled, "", limit=2)) == 2
    with pytest.raises(InputError):
        search_actors(filled, "x", limit=0)


def test_failures_lists_failed_and_skipped(filled: Store) -> None:
    got = {(f.id, f.status, f.error) for f in failures(filled)}
    assert got == {("f3", "failed", "nlp: parse error"), ("s4", "skipped", "language fr")}


def test_sector_and_scope_filters(store: Store) -> None:
    """An arrest of protesters by police is domestic; a visit between states is not."""
    from dataclasses import replace

    from equipoise.models import Actor
    from equipoise.store import ArticleRecord, write_batch

    from .conftest import ART_A

    police = Actor("police", "police", "GEO", None, "COP")
    crowd = Actor("protesters", "protesters", "GEO", None, "CVL")
    arrest = replace(EV_MEET, id="arrest", event_type="COERCE", mode="arrest", actor=(police,),
                     recipient=(crowd,))
    write_batch(store, [ArticleRecord(ART_A, "coded")], [EV_MEET, arrest], run_id="r")
    assert _ids(store, sector="COP") == ["arrest"]
    assert _ids(store, sector="gov") == [EV_MEET.id]
    assert _ids(store, scope="domestic") == ["arrest"]
    assert _ids(store, scope="international") == [EV_MEET.id]
    assert _ids(store, scope="domestic", sector="GOV") == []
    with pytest.raises(InputError, match="three-letter"):
        EventFilter(sector="police")
    with pytest.raises(InputError, match="scope"):
        EventFilter(scope="local")
