"""A Parquet folder written one input file per part, resumable after an interruption.

A cluster run over a folder of web archives takes hours; when it is stopped, the
files already written should not be coded again. ``files.json`` in the folder names,
for each finished file, its size, modification time and part number, and a
fingerprint of the settings the run used. A rerun with the same settings keeps those
parts and codes only the rest; any other part (an unfinished one, or one from other
settings or a changed file) is removed, so ``load`` never sees an input twice.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from equipoise.config import Settings
from equipoise.scale.errors import ScaleError
from equipoise.scale.parquet import fresh_folder, part_name

__all__ = ["FileParts", "KeptArticle", "fingerprint"]

MANIFEST = "files.json"


@dataclass(frozen=True, slots=True)
class KeptArticle:
    """A coded article of a kept part, for the duplicate screen of the rest of the run."""

    id: str
    text: str
    content_hash: str


def fingerprint(settings: Settings, published: date | None) -> str:
    """What decides a file's result besides the file itself."""
    return hashlib.sha256(repr((settings, published)).encode()).hexdigest()[:16]


class FileParts:
    """The parts of a folder by input file: which to keep, and where the next one goes."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder.resolve()
        self.fingerprint = fingerprint
        self._done = self._kept(self._manifest())
        keep = {part_name(int(e["part"])) for e in self._done.values()}
        if not keep:
            fresh_folder(self.folder)
        else:
            for sub in ("events", "articles"):
                for old in (self.folder / sub).glob("part-*.parquet*"):
                    if old.name not in keep:
                        old.unlink()
        self._next = max((int(e["part"]) for e in self._done.values()), default=-1) + 1
        self._save()

    def kept(self, file: str) -> bool:
        """True when ``file`` was written by an earlier run with these settings."""
        return _key(file) in self._done

    def kept_articles(self) -> Iterator[KeptArticle]:
        """The coded articles of the kept parts, in part order."""
        for number in sorted(int(e["part"]) for e in self._done.values()):
            path = self.folder / "articles" / part_name(number)
            try:
                rows = pq.read_table(path, columns=["id", "text", "content_hash", "status"])
            except (OSError, pa.ArrowException) as exc:
                raise ScaleError(f"cannot read {path} kept from an earlier run ({exc}); "
                                 f"remove {self.folder / MANIFEST} to start afresh") from exc
            for row in rows.to_pylist():
                if row["status"] == "coded":
                    yield KeptArticle(row["id"], row["text"] or "", row["content_hash"] or "")

    def next_part(self) -> int:
        number = self._next
        self._next += 1
        return number

    def finished(self, file: str, number: int) -> None:
        """Part ``number`` of ``file`` is written: a rerun keeps it."""
        self._done[_key(file)] = {**_identity(file), "part": number}
        self._save()

    def _manifest(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _kept(self, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
        if manifest.get("fingerprint") != self.fingerprint:
            return {}
        files = manifest.get("files")
        kept: dict[str, dict[str, Any]] = {}
        for file, entry in (files.items() if isinstance(files, dict) else []):
            if not isinstance(entry, dict) or not isinstance(entry.get("part"), int):
                continue
            name = part_name(entry["part"])
            whole = all((self.folder / sub / name).is_file() for sub in ("events", "articles"))
            if whole and {k: entry.get(k) for k in ("size", "mtime_ns")} == _identity(file):
                kept[file] = entry
        return kept

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / MANIFEST
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({"fingerprint": self.fingerprint, "files": self._done},
                                  indent=1), encoding="utf-8")
        os.replace(tmp, path)


def _key(file: str) -> str:
    """A file as the manifest names it: however a rerun spells the path, it is found."""
    return str(Path(file).resolve())


def _identity(file: str) -> dict[str, int | None]:
    try:
        stat = Path(file).stat()
    except OSError:
        return {"size": None, "mtime_ns": None}
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
