"""``equipoise serve`` through the click runner (uvicorn itself is replaced)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi import FastAPI

from equipoise.cli import cli


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
    state = call["app"].state.equipoise
    assert state.store.path == corpus_db
    assert state.write_token == "from-env"


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output
