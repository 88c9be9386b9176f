"""Reading the packaged TOML files of words the actor and coding steps load.

One reader, so every such file fails the same way: a file that cannot be read or parsed,
or that breaks its schema, is a ``DataFileError`` naming the file and what was expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from equipoise.errors import DataFileError
from equipoise.models import EVENT_TYPES

W = TypeVar("W")


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


def word_sets(cls: type[W], path: Path, type_lists: Sequence[str] = ()) -> W:
    """The dataclass ``cls`` of frozen word sets read from ``path``: one list per field,
    words casefolded, except ``type_lists``, which must name PLOVER event types."""
    keys = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    data = read_word_lists(path, keys)
    for key in type_lists:
        unknown = set(data[key]) - set(EVENT_TYPES)
        if unknown:
            raise DataFileError(f"{path}: {key} {sorted(unknown)} are no PLOVER types")
    return cls(**{k: frozenset(w if k in type_lists else w.casefold() for w in data[k])
                  for k in keys})
