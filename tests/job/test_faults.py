"""Every write path survives a coder defect on one article: the rest is stored, the
failure is recorded with its stage and reason, and the run row is finished."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.config import Settings
from equipoise.job import ingest, ingest_to_parquet, load_parquet
from equipoise.store import Store

from ..serve.conftest import TOKEN, serving
from .conftest import BROKEN, FILES, assert_one_failed_rest_stored

pytestmark = pytest.mark.usefixtures("faulty_coder")


def test_cli_ingest(tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(cli, ["ingest", *FILES, "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        "read 3, new 2, already stored 0, duplicates skipped 0, skipped 0, failed 1;")
    assert f"coding: {FILES[1]}: internal error RuntimeError: injected defect" in result.output
    assert_one_failed_rest_stored(Store(db))


def test_process_pool_workers(settings: Settings, tmp_path: Path) -> None:
    store = Store(tmp_path / "pool.duckdb")
    summary = ingest(FILES, settings=settings.with_overrides(batch_size=3), store=store,
                     workers=2)
    assert [(f.article_id, f.stage) for f in summary.failures] == [(BROKEN, "coding")]
    assert_one_failed_rest_stored(store)


def test_dask_then_load(settings: Settings, tmp_path: Path) -> None:
    # An in-process cluster, so the patched coder is the one its workers run.
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        summary = ingest_to_parquet(FILES, settings=settings, out_dir=tmp_path / "pq",
                                    scheduler=cluster.scheduler_address)
    assert (summary.counts.new, summary.counts.failed) == (2, 1)
    store = Store(tmp_path / "dask.duckdb")
    load_parquet(tmp_path / "pq", store)
    assert_one_failed_rest_stored(store)


def test_api_post(tmp_path: Path) -> None:
    import json

    from equipoise.serve import create_app

    db = tmp_path / "api.duckdb"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with (
        serving(create_app(db=db, write_token=TOKEN)) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        bodies = []
        for path in FILES:
            data = json.loads(Path(path).read_text())
            bodies.append(client.post("/api/articles", headers=auth, json={
                k: data[k] for k in ("id", "title", "published", "outlet", "text") if k in data}))
    assert [r.status_code for r in bodies] == [201, 201, 201]
    statuses = [r.json()["status"] for r in bodies]
    assert statuses == ["coded", "failed", "coded"]
    assert bodies[1].json()["reason"].startswith("coding: internal error RuntimeError")
    store = Store(db)
    failed = store.failures()
    assert [f.status for f in failed] == ["failed"] and "injected defect" in (failed[0].error or "")
    assert all(run.finished_at is not None for run in store.runs())
    assert all(r.json()["events"] for r in (bodies[0], bodies[2]))


def test_a_rerun_codes_what_failed(settings: Settings, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "rerun.duckdb")
    ingest(FILES, settings=settings, store=store)
    monkeypatch.undo()  # the defect is fixed
    summary = ingest(FILES, settings=settings, store=store)
    c = summary.counts
    # the two coded before are already stored, not duplicates of themselves
    assert (c.new, c.already_stored, c.duplicates, c.failed) == (1, 2, 0, 0)
    assert store.failures() == []
