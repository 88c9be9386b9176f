"""``equipoise serve`` through the click runner (uvicorn itself is replaced), and as a
real process for what it writes on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from fastapi import FastAPI

from equipoise.cli import cli
from tests.webserver import free_port, wait_until_up

EQUIPOISE = Path(sys.executable).with_name("equipoise")


def test_serve_builds_the_app_and_runs_uvicorn(
    monkeypatch: pytest.MonkeyPatch, corpus_db: Path
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(app: FastAPI, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("EQUIPOISE_WRITE_TOKEN", "from-env")
    result = CliRunner().invoke(cli, ["serve", "--db", str(corpus_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert call["access_log"] is False  # off unless asked for
    state = call["app"].state.equipoise
    assert state.store.path == corpus_db
    assert state.write_token == "from-env"


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


def _serve_and_ask(db: Path, *flags: str) -> str:
    """Start ``equipoise serve``, send it three requests, stop it; what it wrote (uvicorn
    writes its access log on stdout, the rest on stderr)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EQUIPOISE_")}
    proc = subprocess.Popen(
        [str(EQUIPOISE), "serve", "--db", str(db), "--port", str(port), *flags],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        for path in ("/api/summary", "/api/events?page_size=2", "/api/health"):
            assert httpx.get(url + path, timeout=60).status_code == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=60)
    return out


def test_serve_logs_requests_only_when_asked(corpus_db: Path) -> None:
    quiet = _serve_and_ask(corpus_db)
    assert "Uvicorn running on" in quiet  # startup and shutdown are still said
    assert "GET /api/" not in quiet
    logged = _serve_and_ask(corpus_db, "--access-log")
    assert '"GET /api/summary HTTP/1.1" 200' in logged
    assert '"GET /api/events?page_size=2 HTTP/1.1" 200' in logged
