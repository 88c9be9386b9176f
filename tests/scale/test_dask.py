"""The Dask engine on a LocalCluster, Parquet output, and ``load`` into the store."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.config import Settings, load_settings
from equipoise.job import ingest, ingest_to_parquet, load_parquet
from equipoise.scale.errors import ScaleError
from equipoise.store import Store

from .conftest import SAMPLE_FILES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(environ={}).with_overrides(batch_size=2)


@pytest.fixture(scope="module")
def parquet(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = SAMPLE_FILES
    out = tmp_path_factory.mktemp("pq")
    summary = ingest_to_parquet([*files, files[0]], settings=settings, out_dir=out, workers=2)
    c = summary.counts
    assert (c.read, c.new, c.duplicates) == (7, 6, 1)
    assert c.events > 6
    return out


def _counts(store: Store) -> tuple[object, ...]:
    with store.connect(read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM participants), (SELECT count(*) FROM event_clusters), "
            "(SELECT count(*) FROM event_cluster_members)").fetchone()
    assert row is not None
    return tuple(row)


def test_parts_are_partitioned_and_readable_by_duckdb(parquet: Path) -> None:
    parts = sorted(p.name for p in (parquet / "events").glob("*.parquet"))
    assert parts == [f"part-{i:05d}.parquet" for i in range(4)]
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT count(*), count(DISTINCT article_id), bool_and(record IS NOT NULL) "
        f"FROM read_parquet('{parquet}/events/*.parquet')").fetchone()
    statuses = con.execute(
        f"SELECT status, count(*) FROM read_parquet('{parquet}/articles/*.parquet') "
        "GROUP BY status ORDER BY status").fetchall()
    assert rows is not None and rows[0] > 6 and rows[1] == 6 and rows[2]
    assert statuses == [("coded", 6)]  # the repeated input is dropped, not recorded


def test_load_equals_local_ingest_and_is_idempotent(
    parquet: Path, settings: Settings, tmp_path: Path
) -> None:
    store = Store(tmp_path / "loaded.duckdb")
    first = load_parquet(parquet, store)
    counts = _counts(store)
    again = load_parquet(parquet, store)
    assert _counts(store) == counts
    assert (first.counts.read, first.counts.new, first.already_stored) == (6, 6, 0)
    assert (again.counts.read, again.counts.new, again.already_stored) == (6, 0, 6)
    assert (again.counts.events, again.events_already_stored) == (0, first.counts.events)
    local = Store(tmp_path / "local.duckdb")
    ingest(SAMPLE_FILES, settings=settings, store=local)
    with local.connect(read_only=True) as a, store.connect(read_only=True) as b:
        sql = ("SELECT e.id, e.record, m.cluster_id FROM events e "
               "JOIN event_cluster_members m ON m.event_id = e.id ORDER BY e.id")
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall()


def test_load_cli_and_duplicates_of_stored_articles(parquet: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(cli, ["load", str(parquet), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("loaded 4 parts: 6 articles read, 6 added, 0 already "
                                    "stored, 0 duplicates of a stored text;")
    events = _counts(Store(db))[1]
    assert f"{events} events added, 0 already stored" in result.output
    again = CliRunner().invoke(cli, ["load", str(parquet), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert again.output.startswith("loaded 4 parts: 6 articles read, 0 added, 6 already "
                                   "stored, 0 duplicates of a stored text;")
    assert f"0 events added, {events} already stored" in again.output
    with Store(db).connect() as con:
        con.execute("UPDATE articles SET id = 'renamed' WHERE id = (SELECT min(id) FROM articles "
                    "WHERE status = 'coded')")
    summary = load_parquet(parquet, Store(db))
    assert summary.counts.duplicates == 1


def test_load_refuses_a_folder_that_is_not_ours(tmp_path: Path) -> None:
    with pytest.raises(ScaleError, match="not an equipoise Parquet folder"):
        load_parquet(tmp_path, Store(tmp_path / "x.duckdb"))


def test_dask_engine_needs_a_parquet_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", *SAMPLE_FILES[:1], "--engine", "dask",
                                      "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "--parquet DIR" in result.output


def test_each_worker_has_the_model_loaded_before_any_task(settings: Settings) -> None:
    from equipoise.scale.dask_engine import PLUGIN_NAME, DaskExecutor

    def loaded_after_preload() -> int:
        from equipoise.pipeline import _LOADING, _load_resources

        for thread in threading.enumerate():
            if thread.name == PLUGIN_NAME:
                thread.join()  # the preload started by the plugin, in the background
        with _LOADING:
            return int(_load_resources.cache_info().currsize)

    with DaskExecutor(settings, scheduler=None, workers=1) as ex:
        loaded = ex._client.run(loaded_after_preload)
    assert list(loaded.values()) == [1]  # loaded by the plugin: no task was sent
