"""Schemathesis against the running server's OpenAPI document: no request ends in a 5xx."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webserver import server_process

BIN = Path(sys.executable).parent


@pytest.fixture()
def server(sample_store: Path, tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "served.duckdb"
    shutil.copy(sample_store, db)
    command = [str(BIN / "equipoise"), "serve", "--db", str(db), "--port"]
    with server_process(lambda port: [*command, str(port)],
                        env={**os.environ, "EQUIPOISE_WRITE_TOKEN": ""}) as url:
        yield url


def test_no_server_errors_under_schemathesis(server: str) -> None:
    result = subprocess.run(
        [str(BIN / "schemathesis"), "run", f"{server}/openapi.json", "--checks",
         "not_a_server_error", "--max-examples", "10", "--seed", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "passed" in result.stdout
