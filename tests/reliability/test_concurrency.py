"""An ingest process writing while other processes read the same store."""

from __future__ import annotations

import subprocess
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from equipoise.errors import StoreError
from equipoise.store.db import Store
from tests import webserver

from .conftest import EQUIPOISE, cli_env, run_equipoise
from .test_kill import SAMPLE, snapshot

ENV = {"EQUIPOISE_BATCH_SIZE": "4"}
_SERVER = (
    "import sys, uvicorn\n"
    "from equipoise.serve import create_app\n"
    "uvicorn.run(create_app(db=sys.argv[1], write_token=''), host='127.0.0.1',\n"
    "            port=int(sys.argv[2]), log_level='warning')\n"
)


def server_process(db: Path) -> AbstractContextManager[str]:
    """``create_app`` over ``db`` under uvicorn in its own process; yields the base URL."""
    return webserver.server_process(
        lambda port: [sys.executable, "-c", _SERVER, str(db), str(port)])




@dataclass
class Reads:
    counts: list[tuple[int, int]] = field(default_factory=list)
    http: int = 0
    errors: list[str] = field(default_factory=list)


def _read_store(store: Store, reads: Reads) -> None:
    try:
        with store.connect(read_only=True) as con:
            row = con.execute("SELECT (SELECT count(*) FROM articles), "
                              "(SELECT count(*) FROM events)").fetchone()
        assert row is not None
        reads.counts.append((int(row[0]), int(row[1])))
    except StoreError as exc:
        reads.errors.append(f"store: {exc}")


def _read_http(client: httpx.Client, reads: Reads) -> None:
    for path in ("/api/summary", "/api/events?page_size=5", "/api/health"):
        response = client.get(path)
        reads.http += 1
        if response.status_code != 200:
            reads.errors.append(f"{path}: {response.status_code} {response.text[:200]}")


@pytest.mark.slow
def test_reads_during_ingest_see_no_errors_and_lose_nothing(tmp_path: Path) -> None:
    reference = tmp_path / "reference.duckdb"
    assert run_equipoise(["ingest", str(SAMPLE), "--db", str(reference), "--quiet"],
                         env=cli_env(**ENV)).returncode == 0
    db = tmp_path / "shared.duckdb"
    store = Store(db, timeout=60)
    with store.connect():
        pass  # the schema exists before the readers start
    reads = Reads()
    with server_process(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        writer = subprocess.Popen(
            [str(EQUIPOISE), "ingest", str(SAMPLE), "--db", str(db), "--quiet"],
            env=cli_env(**ENV), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while writer.poll() is None:
            _read_store(store, reads)
            _read_http(client, reads)
        _, err = writer.communicate()
        _read_http(client, reads)
    assert writer.returncode == 0, err
    assert reads.errors == []
    assert len(reads.counts) > 5 and reads.http > 15
    assert reads.counts == sorted(reads.counts), "a reader saw the store shrink"
    final, expected = snapshot(db), snapshot(reference)
    assert final["articles"] == expected["articles"]
    assert final["event_ids"] == expected["event_ids"]
    assert final["orphan_events"] == final["orphan_participants"] == 0
    print(f"\nconcurrent reads during ingest: {len(reads.counts)} store, {reads.http} HTTP")
