"""Finding articles: the FTS5 sidecar index follows the store; CLI and API search it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.errors import InputError, StoreError
from equipoise.store import ArticleQuery, Store, index_path, search_articles, sync_index


@pytest.fixture
def store(sample_store: Path, tmp_path: Path) -> Store:
    """A private copy of the demo store (the index is written next to it)."""
    copy = tmp_path / "demo.duckdb"
    shutil.copy(sample_store, copy)
    return Store(copy)


def test_search_finds_words_best_first_with_a_snippet(store: Store) -> None:
    page = search_articles(store, ArticleQuery(text="Nara summit"))
    assert page.total == 2 and {h.id for h in page.hits} == {"017", "053"}
    assert all(h.snippet and "[Nara]" in h.snippet for h in page.hits)
    assert index_path(store).exists()
    assert search_articles(store, ArticleQuery(text="sanction*")).total > 0


def test_list_filters_by_outlet_and_date(store: Store) -> None:
    everything = search_articles(store, ArticleQuery(limit=100))
    assert everything.total == 53
    published = [h.published for h in everything.hits if h.published]
    assert published == sorted(published, reverse=True)
    outlet = everything.hits[0].outlet
    by_outlet = search_articles(store, ArticleQuery(outlet=outlet, limit=100))
    assert 0 < by_outlet.total < 53 and {h.outlet for h in by_outlet.hits} == {outlet}
    january = search_articles(store, ArticleQuery(since=date(2026, 1, 1),
                                                  until=date(2026, 1, 31), limit=100))
    assert january.total > 0
    assert all(h.published and h.published.month == 1 for h in january.hits)


def test_index_follows_the_store(store: Store) -> None:
    assert sync_index(store) == (53, 0)
    assert sync_index(store) == (0, 0)
    with store.connect() as con:
        con.execute("DELETE FROM events WHERE article_id = '017'")
        con.execute("DELETE FROM articles WHERE id = '017'")
    assert sync_index(store) == (0, 1)
    assert search_articles(store, ArticleQuery(text="Nara summit")).total == 1


def test_bad_searches_say_why(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing to search"):
        search_articles(store, ArticleQuery(text=' "" '))
    with pytest.raises(StoreError, match="no store"):
        search_articles(Store(tmp_path / "none.duckdb"), ArticleQuery())
    assert not (tmp_path / ("none.duckdb" + ".search.sqlite")).exists()


def test_articles_command(store: Store) -> None:
    result = CliRunner().invoke(cli, ["articles", "Nara summit", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "2 articles"
    assert "[Nara]" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    result = CliRunner().invoke(cli, ["articles", "--limit", "3", "--db", str(store.path)])
    assert result.stdout.startswith("showing 3 of 53 articles")
