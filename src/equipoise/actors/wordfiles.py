"""Reading the packaged TOML files of words the actor and coding steps load.

One reader, so every such file fails the same way: a file that cannot be read or parsed,
or that breaks its schema, is a ``DataFileError`` naming the file and what was expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from equipoise.errors import DataFileError


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or a ``DataFileError`` saying why it could not be read."""
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc


def read_word_lists(path: Path, keys: Sequence[str]) -> dict[str, list[str]]:
    """A file holding exactly ``keys``, each a non-empty list of words."""
    data = read_toml(path)
    if set(data) != set(keys) or not all(
            isinstance(data[k], list) and data[k] and all(isinstance(w, str) for w in data[k])
            for k in keys):
        raise DataFileError(f"{path}: expected the lists {', '.join(keys)} (each a non-empty "
                            "list of words), and nothing else")
    return {k: list(data[k]) for k in keys}
