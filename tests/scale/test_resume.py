"""Which parts of a per-file Parquet folder a rerun keeps: same file, same settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.scale.parquet import part_name, write_part
from equipoise.scale.resume import FileParts
from equipoise.store import ArticleRecord

from .conftest import article


def _run(folder: Path, files: list[Path], fingerprint: str = "f1") -> FileParts:
    """A run that writes a part for every file not kept; returns the folder's state."""
    parts = FileParts(folder, fingerprint)
    for n, file in enumerate(files):
        if not parts.kept(str(file)):
            number = parts.next_part()
            write_part(parts.folder, number,
                       [ArticleRecord(article(f"a{n}", f"text {n}", "Outlet"), "coded")], [])
            parts.finished(str(file), number)
    return parts


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "articles").glob("part-*.parquet"))


def test_a_rerun_keeps_unchanged_files_under_any_spelling_of_their_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [tmp_path / f"f{n}.warc.gz" for n in range(3)]
    for f in files:
        f.write_bytes(b"x")
    _run(tmp_path / "out", files)
    monkeypatch.chdir(tmp_path)
    again = FileParts(Path("out"), "f1")
    assert all(again.kept(f.name) for f in files)
    assert [k.id for k in again.kept_articles()] == ["a0", "a1", "a2"]
    assert again.next_part() == 3


def test_a_changed_file_loses_its_part_and_changed_settings_lose_all(tmp_path: Path) -> None:
    files = [tmp_path / f"f{n}.warc.gz" for n in range(3)]
    for f in files:
        f.write_bytes(b"x")
    out = tmp_path / "out"
    _run(out, files)
    files[1].write_bytes(b"longer now")
    parts = FileParts(out, "f1")
    assert [parts.kept(str(f)) for f in files] == [True, False, True]
    assert _parts(out) == [part_name(0), part_name(2)]
    FileParts(out, "f2")
    assert _parts(out) == []


def test_a_part_without_its_manifest_entry_is_removed(tmp_path: Path) -> None:
    # A run killed after writing a part but before noting it: the part goes.
    files = [tmp_path / "f0.warc.gz"]
    files[0].write_bytes(b"x")
    out = tmp_path / "out"
    _run(out, files)
    write_part(out, 7, [ArticleRecord(article("stray", "stray text", "Outlet"), "coded")], [])
    FileParts(out, "f1")
    assert _parts(out) == [part_name(0)]
