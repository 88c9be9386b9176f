"""The real commands in subprocesses: kill and restart, SIGTERM, serve --watch, ingest URL."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.store.db import Store
from tests.reliability.conftest import EQUIPOISE, cli_env, run_equipoise

from .conftest import NewsSite

pytestmark = pytest.mark.slow
ITEMS = 16
ENV = {"EQUIPOISE_BATCH_SIZE": "4", "EQUIPOISE_FETCH_HOST_DELAY": "0",
       "EQUIPOISE_FETCH_RETRIES": "0"}


def _count(db: Path, sql: str) -> int:
    with Store(db).connect(read_only=True) as con:
        row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _wait_for(check: Callable[[], bool], proc: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 180
    while not check():
        if proc.poll() is not None:
            raise AssertionError(f"the watcher ended before {what}: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def _start_watch(news: NewsSite, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(EQUIPOISE), "watch", news.feed, "--every", "1h", "--db",
                             str(db)], env=cli_env(**ENV), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _slow_news(site_news: NewsSite) -> NewsSite:
    site_news.page_delay = 0.25
    site_news.publish(ITEMS)
    return site_news


def _stored(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM articles WHERE status = 'coded'")


def test_killed_mid_batch_and_restarted_loses_nothing_and_codes_nothing_twice(
        news: NewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _slow_news(news)
    proc = _start_watch(news, db)
    _wait_for(lambda: db.exists() and _stored(db) >= 4, proc, "a first batch was stored")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = _stored(db)
    assert 4 <= before < ITEMS
    again = run_equipoise(["watch", news.feed, "--once", "--db", str(db)], env=cli_env(**ENV))
    assert again.returncode == 0, again.stderr
    assert _stored(db) == ITEMS
    assert _count(db, "SELECT count(DISTINCT id) FROM articles") == ITEMS
    # the resumed run coded only what the killed one had not stored
    assert _count(db, "SELECT sum(new) FROM runs WHERE finished_at IS NOT NULL") == ITEMS - before
    assert _count(db, "SELECT count(*) FROM feed_items") == ITEMS


def test_sigterm_stops_after_the_batch_in_hand_and_a_restart_fetches_only_the_rest(
        news: NewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _slow_news(news)
    proc = _start_watch(news, db)
    _wait_for(lambda: db.exists() and _stored(db) >= 4, proc, "a first batch was stored")
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "stopped" in err
    stored = _stored(db)
    assert stored == _count(db, "SELECT count(*) FROM feed_items") < ITEMS
    requested_before = news.page_requests()
    again = run_equipoise(["watch", news.feed, "--once", "--db", str(db)], env=cli_env(**ENV))
    assert again.returncode == 0, again.stderr
    assert _stored(db) == ITEMS
    assert news.page_requests() - requested_before == ITEMS - stored  # nothing fetched twice
    feeds = run_equipoise(["feeds", "--db", str(db)])
    assert feeds.returncode == 0, feeds.stderr
    assert news.feed in feeds.stdout and "new" in feeds.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_watch_answers_the_api_while_the_watcher_writes(news: NewsSite,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _slow_news(news)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")  # a pipe nobody reads would fill and block
    proc = subprocess.Popen(
        [str(EQUIPOISE), "serve", "--db", str(db), "--port", str(port), "--watch", news.feed,
         "--every", "1h"], env=cli_env(**ENV), stdout=log, stderr=subprocess.STDOUT, text=True)
    seen: list[int] = []
    try:
        deadline = time.monotonic() + 240
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while (not seen or seen[-1] < ITEMS) and time.monotonic() < deadline:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    answer = client.get("/api/summary")
                except httpx.ConnectError:
                    time.sleep(0.5)  # still starting
                    continue
                if answer.status_code == 503 and not seen:
                    time.sleep(0.2)
                    continue  # the store is being created
                assert answer.status_code == 200, answer.text
                seen.append(answer.json()["articles"])
                time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        log.close()
    assert seen[-1] == ITEMS
    assert len(set(seen)) > 2  # read while it grew, not only before and after
    assert "watcher stopped" in (tmp_path / "serve.log").read_text()


def test_serve_watch_stops_cleanly_on_ctrl_c(news: NewsSite, tmp_path: Path) -> None:
    """Ctrl-C is how the docs say to stop it: exit 0, no "Aborted!", the watcher stopped."""
    news.publish(2)
    db = tmp_path / "news.duckdb"
    port = _free_port()
    path = tmp_path / "serve.log"
    log = path.open("w")  # a pipe nobody reads would fill and block
    proc = subprocess.Popen(
        [str(EQUIPOISE), "serve", "--db", str(db), "--port", str(port), "--watch", news.feed,
         "--every", "1h"], env=cli_env(**ENV), stdout=log, stderr=subprocess.STDOUT, text=True)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        def stored() -> bool:
            try:
                answer = client.get("/api/summary")
            except httpx.ConnectError:
                return False
            return answer.status_code == 200 and answer.json()["articles"] == 2
        _wait_for(stored, proc, "the watcher's first poll")
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    log.close()
    out = path.read_text()
    assert proc.returncode == 0, out
    assert "watcher stopped" in out and "Aborted" not in out


def test_ingest_a_feed_url_as_documented(news: NewsSite, tmp_path: Path) -> None:
    news.publish(3)
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(cli, ["ingest", news.feed, "--db", str(db), "--quiet"],
                                env={"EQUIPOISE_FETCH_HOST_DELAY": "0"})
    assert result.exit_code == 0, result.output
    assert "read 3, new 3" in result.output
    assert _count(db, "SELECT count(*) FROM articles WHERE fetched_at IS NOT NULL") == 3
