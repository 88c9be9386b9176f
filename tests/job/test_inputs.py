"""Nothing to read is said, and makes no store: a mistyped path, an empty folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from equipoise.cli import cli


@pytest.mark.parametrize("what", ["missing", "empty"])
def test_ingest_with_nothing_to_read_makes_no_store(tmp_path: Path, what: str) -> None:
    target = tmp_path / ("nosuch.txt" if what == "missing" else "empty_dir")
    if what == "empty":
        target.mkdir()
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(target), "--db", str(db), "--quiet"])
    assert result.exit_code != 0
    expected = "no such file or folder" if what == "missing" else "nothing to read in"
    assert expected in result.output
    assert not db.exists() and not Path(f"{db}.wal").exists()


def test_extract_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty_dir").mkdir()
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "empty_dir")])
    assert result.exit_code != 0
    assert "nothing to read in" in result.output


def test_a_missing_file_among_readable_ones_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Japan and China held talks in Beijing on Monday.")
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"),
                                      str(tmp_path / "nosuch.txt"), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "read 2, new 1, already stored 0, duplicates skipped 0, skipped 0, failed 1;")
    assert "no such file or folder" in result.output
