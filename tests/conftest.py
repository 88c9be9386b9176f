"""Shared fixtures: settings isolated from the user's environment, the pipeline loaded once,
and a store built from the bundled sample corpus once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from equipoise.config import Settings, load_settings
from tests.webserver import Site

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "equipoise" / "data" / "sample"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(environ={})


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Iterator[Path]:
    """A DuckDB file holding the ingested sample corpus (read it, do not write to it)."""
    from equipoise.job import ingest
    from equipoise.store.db import Store

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest([str(SAMPLE)], settings=settings, store=Store(path))
    yield path


@pytest.fixture
def site() -> Iterator[Site]:
    """A local web site on 127.0.0.1 whose routes the test sets."""
    server = Site().start()
    yield server
    server.stop()
