"""The server leaves nothing of DuckDB running for the interpreter's exit.

A thread still inside DuckDB when Python exits aborts the process ("terminate called
... FATAL: exception not rethrown"), which is how pytest ended now and then after the
serve tests: the app's kept connection and the thread watching it outlived the server.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import httpx
import pytest

import equipoise.store._shared as shared
from equipoise.serve import create_app

from .conftest import serving


def _watching(name: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"equipoise-kept-{name}"]


def test_the_server_closes_its_store_as_it_shuts_down(
        corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared, "IDLE_SECONDS", 3600.0)  # only the shutdown may close it
    db = tmp_path / "shutdown.duckdb"
    shutil.copy(corpus_db, db)
    app = create_app(db=db)
    with serving(app) as url:
        assert httpx.get(f"{url}/api/summary", timeout=60).status_code == 200
        assert _watching(db.name)  # the kept connection is open while it serves
    assert _watching(db.name) == []
