"""WARC files through the Dask engine, one task per file: equal to the local run (articles,
capture times, events), a corrupt file reported with the rest stored, resumable."""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from equipoise.config import load_settings
from equipoise.job import ingest, ingest_to_parquet, load_parquet
from equipoise.store import Store
from tests.watch.conftest import sample_texts

pytestmark = pytest.mark.slow


def _warc(path: Path, texts: list[tuple[str, str]], first: int) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, (title, text) in enumerate(texts, start=first):
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            body = (f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                    f"{paras}</article></body></html>").encode()
            for payload, ctype, url in ((body, "text/html", f"http://news.example/{n}"),
                                        (b"\x89PNG", "image/png", f"http://news.example/{n}.png")):
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(payload), http_headers=http,
                    warc_headers_dict={"WARC-Date": f"2026-03-0{1 + n % 3}T10:00:00Z"}))


def _rows(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with store.connect(read_only=True) as con:
        articles = con.execute("SELECT id, url, fetched_at, status FROM articles ORDER BY id"
                               ).fetchall()
        events = con.execute("SELECT id, record FROM events ORDER BY id").fetchall()
    return articles, events


def test_dask_over_three_warc_files_equals_the_local_run(tmp_path: Path) -> None:
    texts = sample_texts()[:6]
    files = []
    for k in range(3):
        files.append(tmp_path / f"crawl-{k}.warc.gz")
        _warc(files[-1], texts[2 * k:2 * k + 2], 2 * k)
    settings = load_settings(environ={}).with_overrides(batch_size=2)
    local = Store(tmp_path / "local.duckdb")
    ingest([str(f) for f in files], settings=settings, store=local)
    out = tmp_path / "parquet"
    ingest_to_parquet([str(f) for f in files], settings=settings, out_dir=out, workers=2)
    loaded = Store(tmp_path / "loaded.duckdb")
    load_parquet(out, loaded)
    articles, events = _rows(local)
    assert len(articles) == 6 and all(a[2] is not None and a[3] == "coded" for a in articles)
    assert {a[1] for a in articles} == {f"http://news.example/{n}" for n in range(6)}
    assert len(events) > 6
    assert _rows(loaded) == (articles, events)


def _three_files(tmp_path: Path) -> list[Path]:
    texts = sample_texts()[:6]
    files = []
    for k in range(3):
        files.append(tmp_path / f"crawl-{k}.warc.gz")
        _warc(files[-1], texts[2 * k:2 * k + 2], 2 * k)
    return files


def test_a_corrupt_warc_file_among_good_ones_is_reported_and_the_others_stored(
        tmp_path: Path) -> None:
    files = _three_files(tmp_path)
    corrupt = tmp_path / "crawl-1.warc.gz"  # the middle file: not a WARC file at all
    corrupt.write_bytes(b"\x1f\x8b\x08\x00 this is no longer a gzip stream" * 20)
    settings = load_settings(environ={}).with_overrides(batch_size=2)
    seen: list[str] = []
    summary = ingest_to_parquet([str(tmp_path)], settings=settings, out_dir=tmp_path / "pq",
                                workers=1, progress=seen.append)
    assert seen == [str(f) for f in files]  # one report per file, in file order
    assert [(f.source, f.stage) for f in summary.failures] == [(str(corrupt), "ingest")]
    assert "WARC" in summary.failures[0].reason or "ends inside" in summary.failures[0].reason
    assert (summary.counts.new, summary.counts.failed) == (4, 1)
    store = Store(tmp_path / "loaded.duckdb")
    load_parquet(tmp_path / "pq", store)
    articles, _ = _rows(store)
    assert {a[1] for a in articles if a[3] == "coded"} == {
        f"http://news.example/{n}" for n in (0, 1, 4, 5)}
    assert [a[3] for a in articles if a[1] is None] == ["failed"]


class _Stopped(Exception):
    pass


def test_a_rerun_after_an_interruption_codes_only_the_files_not_yet_written(
        tmp_path: Path) -> None:
    files = [str(f) for f in _three_files(tmp_path)]
    settings = load_settings(environ={}).with_overrides(batch_size=2)
    out = tmp_path / "pq"

    def stop_after_first(file: str) -> None:
        raise _Stopped(file)

    with pytest.raises(_Stopped):
        ingest_to_parquet(files, settings=settings, out_dir=out, workers=1,
                          progress=stop_after_first)
    resumed = ingest_to_parquet(files, settings=settings, out_dir=out, workers=1)
    assert (resumed.counts.read, resumed.counts.new) == (4, 4)  # files 2 and 3 only
    again = ingest_to_parquet(files, settings=settings, out_dir=out, workers=1)
    assert again.counts.read == 0
    loaded = Store(tmp_path / "loaded.duckdb")
    load_parquet(out, loaded)
    load_parquet(out, loaded)  # loading twice adds nothing
    local = Store(tmp_path / "local.duckdb")
    ingest(files, settings=settings, store=local)
    assert _rows(loaded) == _rows(local)


def test_a_coder_defect_or_a_lost_task_costs_one_article_or_one_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An in-process cluster, so the patched coder and task are the ones its worker runs.
    from distributed import LocalCluster

    from equipoise.coding.coder import Coder
    from equipoise.scale import dask_engine, files

    paths = [str(f) for f in _three_files(tmp_path)]
    real_code, real_task = Coder.code, files.code_file

    def code(self: Coder, article: Any, doc: Any) -> Any:
        if article.url == "http://news.example/1":
            raise RuntimeError("injected defect")
        return real_code(self, article, doc)

    def task(path: str, *args: Any) -> Any:
        if path == paths[2]:
            raise MemoryError("worker ran out of memory")
        return real_task(path, *args)

    monkeypatch.setattr(Coder, "code", code)
    monkeypatch.setattr(dask_engine, "code_file", task)
    settings = load_settings(environ={}).with_overrides(batch_size=2)
    out = tmp_path / "pq"
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        first = ingest_to_parquet(paths, settings=settings, out_dir=out,
                                  scheduler=cluster.scheduler_address)
        assert [(f.source, f.stage) for f in first.failures] == [
            (f"{paths[0]}#http://news.example/1", "coding"), (paths[2], "ingest")]
        assert "injected defect" in first.failures[0].reason
        assert "its task failed on the cluster (MemoryError" in first.failures[1].reason
        assert (first.counts.new, first.counts.failed) == (3, 2)
        monkeypatch.setattr(dask_engine, "code_file", real_task)  # the cluster recovered
        again = ingest_to_parquet(paths, settings=settings, out_dir=out,
                                  scheduler=cluster.scheduler_address)
    assert (again.counts.read, again.counts.new, again.failures) == (2, 2, [])
    store = Store(tmp_path / "loaded.duckdb")
    load_parquet(out, store)
    articles, _ = _rows(store)
    assert [(a[1], a[3]) for a in articles if a[3] != "coded"] == [
        ("http://news.example/1", "failed")]
    assert len(articles) == 6
