"""Ctrl-C in the middle of ``ingest``, then the same command again: nothing lost, nothing
stored twice, and the interrupted run says what to do."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from equipoise.store.db import Store
from tests.reliability.conftest import EQUIPOISE, cli_env, run_equipoise
from tests.watch.conftest import NewsSite
from tests.webserver import Site, wait_event

pytestmark = pytest.mark.slow
PAGES = 12
ENV = {"EQUIPOISE_BATCH_SIZE": "4", "EQUIPOISE_FETCH_HOST_DELAY": "0",
       "EQUIPOISE_FETCH_RETRIES": "0"}


def _ids(db: Path) -> list[str]:
    with Store(db).connect(read_only=True) as con:
        return [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]


@pytest.fixture
def news(site: Site) -> NewsSite:
    return NewsSite(site)


def test_ctrl_c_mid_ingest_then_the_same_command_resumes(news: NewsSite,
                                                         tmp_path: Path) -> None:
    news.publish(PAGES)
    listing = tmp_path / "pages.urls"
    listing.write_text("".join(f"{link}\n" for _guid, link, _title in news.items))
    gate = news.hold(4)  # the second batch's pages wait until the interrupt has landed
    db = tmp_path / "news.duckdb"
    args = ["ingest", str(listing), "--db", str(db)]
    proc = subprocess.Popen([str(EQUIPOISE), *args], env=cli_env(**ENV),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_event(gate.reached, proc, "the first batch was stored")
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        gate.open()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "run the same command again" in err
    assert "Traceback" not in err and "Aborted" not in err
    assert len(_ids(db)) == 4
    again = run_equipoise(args, env=cli_env(**ENV))
    assert again.returncode == 0, again.stderr
    ids = _ids(db)
    assert len(ids) == len(set(ids)) == PAGES
