"""A store that cannot be written: one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from .conftest import run_equipoise
from .test_kill import SAMPLE

ONE_ARTICLE = SAMPLE / "001-seoul-trilateral-summit.json"


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode not in (0, None), result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` made unwritable; root ignores mode bits, so it gets the immutable flag."""
    folder.mkdir()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0 and shutil.which("chattr") is not None
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_store_in_a_read_only_folder(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "locked") as folder:
        probe = folder / "probe"
        with pytest.raises(OSError):
            probe.write_text("x", "utf-8")
        db = folder / "store.duckdb"
        result = run_equipoise(["ingest", str(ONE_ARTICLE), "--db", str(db), "--quiet"])
        line = _one_line_error(result)
        assert str(db) in line
        assert result.returncode == 1
        assert not db.exists()


def test_store_path_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    result = run_equipoise(["ingest", str(ONE_ARTICLE), "--db", str(blocker / "s.duckdb"),
                            "--quiet"])
    assert "s.duckdb" in _one_line_error(result)


def _limit(size: int) -> object:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


@pytest.mark.slow
@pytest.mark.parametrize("limit", [4_096, 100_000])
def test_full_disk_stops_with_one_line_and_a_consistent_store(tmp_path: Path,
                                                              limit: int) -> None:
    db = tmp_path / "full.duckdb"
    result = run_equipoise(["ingest", str(SAMPLE), "--db", str(db), "--quiet"],
                           preexec_fn=_limit(limit))
    line = _one_line_error(result)
    assert result.returncode == 1
    assert "too large" in line.lower() or "could not" in line.lower(), line
    # With room again, the store either works and holds whole batches only, or (when the
    # disk filled while the file was being created) a run says so in one line.
    again = run_equipoise(["ingest", str(ONE_ARTICLE), "--db", str(db), "--quiet"])
    if again.returncode != 0:
        assert str(db) in _one_line_error(again)
        return
    with duckdb.connect(str(db), read_only=True) as con:
        orphans = con.execute("SELECT count(*) FROM events WHERE article_id NOT IN "
                              "(SELECT id FROM articles)").fetchone()
        loose = con.execute("SELECT count(*) FROM participants WHERE event_id NOT IN "
                            "(SELECT id FROM events)").fetchone()
    assert orphans == loose == (0,)
