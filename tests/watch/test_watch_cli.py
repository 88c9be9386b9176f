"""The real commands in subprocesses: kill and restart, SIGTERM, serve --watch, ingest URL."""

from __future__ import annotations

import signal
import subprocess
import threading
from pathlib import Path
from typing import IO

import httpx
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.store.db import Store
from tests.reliability.conftest import EQUIPOISE, cli_env, run_equipoise
from tests.webserver import free_port, wait_event, wait_for

from .conftest import NewsSite

pytestmark = pytest.mark.slow
ITEMS = 16
ENV = {"EQUIPOISE_BATCH_SIZE": "4", "EQUIPOISE_FETCH_HOST_DELAY": "0",
       "EQUIPOISE_FETCH_RETRIES": "0"}


def _count(db: Path, sql: str) -> int:
    with Store(db).connect(read_only=True) as con:
        row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


class _Lines:
    """A process's stderr read line by line in a thread, so a test can wait for a line."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self.closed = False
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def wait_for(self, text: str, timeout: float = 180) -> bool:
        def seen() -> bool:
            return any(text in line for line in self.lines)

        with self.changed:
            self.changed.wait_for(lambda: self.closed or seen(), timeout)
            return seen()

    def text(self) -> str:
        self.thread.join(60)
        return "".join(self.lines)


def _start_watch(news: NewsSite, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(EQUIPOISE), "watch", news.feed, "--every", "1h", "--db",
                             str(db)], env=cli_env(**ENV), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM articles WHERE status = 'coded'")


def test_killed_mid_batch_and_restarted_loses_nothing_and_codes_nothing_twice(
        news: NewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    news.publish(ITEMS)
    gate = news.hold(4)  # the second batch's pages wait: the kill lands mid-run
    proc = _start_watch(news, db)
    wait_event(gate.reached, proc, "the first batch was stored")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    gate.open()
    assert _stored(db) == 4
    again = run_equipoise(["watch", news.feed, "--once", "--db", str(db)], env=cli_env(**ENV))
    assert again.returncode == 0, again.stderr
    assert _stored(db) == ITEMS
    assert _count(db, "SELECT count(DISTINCT id) FROM articles") == ITEMS
    # the resumed run coded only what the killed one had not stored
    assert _count(db, "SELECT sum(new) FROM runs WHERE finished_at IS NOT NULL") == ITEMS - 4
    assert _count(db, "SELECT count(*) FROM feed_items") == ITEMS


def test_sigterm_stops_after_the_batch_in_hand_and_a_restart_fetches_only_the_rest(
        news: NewsSite, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    news.publish(ITEMS)
    gate = news.hold(4)
    proc = _start_watch(news, db)
    assert proc.stderr is not None
    err = _Lines(proc.stderr)
    wait_event(gate.reached, proc, "the first batch was stored")
    proc.send_signal(signal.SIGTERM)
    assert err.wait_for("stopping after the batch in hand"), err.text()
    gate.open()  # the page in hand arrives; no other is asked for
    proc.wait(timeout=120)
    assert proc.returncode == 0, err.text()
    assert "stopped" in err.text()
    assert _stored(db) == _count(db, "SELECT count(*) FROM feed_items") == 5
    requested_before = news.page_requests()
    again = run_equipoise(["watch", news.feed, "--once", "--db", str(db)], env=cli_env(**ENV))
    assert again.returncode == 0, again.stderr
    assert _stored(db) == ITEMS
    assert news.page_requests() - requested_before == ITEMS - 5  # nothing fetched twice
    feeds = run_equipoise(["feeds", "--db", str(db)])
    assert feeds.returncode == 0, feeds.stderr
    assert news.feed in feeds.stdout and "new" in feeds.stdout


def _serve_watching(news: NewsSite, db: Path, log: IO[str]
                    ) -> tuple[subprocess.Popen[str], int]:
    """``serve --watch`` on the news feed in its own process; its output goes to ``log``."""
    port = free_port()
    proc = subprocess.Popen(
        [str(EQUIPOISE), "serve", "--db", str(db), "--port", str(port), "--watch", news.feed,
         "--every", "1h"], env=cli_env(**ENV), stdout=log, stderr=subprocess.STDOUT, text=True)
    return proc, port


def _articles_served(client: httpx.Client) -> int | None:
    """The summary's article count, or None while the server starts or creates the store."""
    try:
        answer = client.get("/api/summary")
    except httpx.ConnectError:
        return None
    if answer.status_code == 503:
        return None
    assert answer.status_code == 200, answer.text
    return int(answer.json()["articles"])


def test_serve_watch_answers_the_api_while_the_watcher_writes(news: NewsSite,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    news.publish(ITEMS)
    gates = [news.hold(n, n + 4) for n in range(4, ITEMS, 4)]  # one batch at a time
    path = tmp_path / "serve.log"
    log = path.open("w")  # a pipe nobody reads would fill and block
    proc, port = _serve_watching(news, db, log)
    seen: list[int] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for gate in gates:  # the watcher waits at the gate: the count is the batches so far
                wait_event(gate.reached, proc, "a batch was stored")
                wait_for(lambda: _articles_served(client) is not None, proc, "the server")
                seen.append(_articles_served(client) or 0)
                gate.open()
            wait_for(lambda: _articles_served(client) == ITEMS, proc, "the last batch")
            seen.append(ITEMS)
    finally:
        for gate in gates:
            gate.open()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        log.close()
    assert seen == [4, 8, 12, 16]  # read while it grew, batch by batch
    assert "watcher stopped" in path.read_text()


def test_serve_watch_stops_cleanly_on_ctrl_c(news: NewsSite, tmp_path: Path) -> None:
    """Ctrl-C is how the docs say to stop it: exit 0, no "Aborted!", the watcher stopped."""
    news.publish(2)
    db = tmp_path / "news.duckdb"
    path = tmp_path / "serve.log"
    log = path.open("w")  # a pipe nobody reads would fill and block
    proc, port = _serve_watching(news, db, log)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        def stored() -> bool:
            try:
                answer = client.get("/api/summary")
            except httpx.ConnectError:
                return False
            return answer.status_code == 200 and answer.json()["articles"] == 2
        wait_for(stored, proc, "the watcher's first poll")
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


def test_watch_once_exits_non_zero_when_a_feed_failed(news: NewsSite, tmp_path: Path) -> None:
    """A scheduled `watch --once` (cron, a systemd timer) can tell a failure, as ingest can."""
    news.publish(1)
    db = tmp_path / "news.duckdb"
    env = {"EQUIPOISE_FETCH_HOST_DELAY": "0", "EQUIPOISE_FETCH_RETRIES": "0"}
    ok = CliRunner().invoke(cli, ["watch", news.feed, "--once", "--db", str(db)], env=env)
    assert ok.exit_code == 0, ok.output
    gone = news.site.url("/gone.xml")
    failed = CliRunner().invoke(cli, ["watch", gone, "--once", "--db", str(db)], env=env)
    assert failed.exit_code == 1
    assert f"feed: {gone}: HTTP 404" in failed.stderr
