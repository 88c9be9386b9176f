"""The one reader of packaged word-list files: every schema break names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.actors.wordfiles import read_toml, read_word_lists
from equipoise.errors import DataFileError


def test_word_lists_are_read_in_the_order_asked(tmp_path: Path) -> None:
    path = tmp_path / "words.toml"
    path.write_text('b = ["y"]\na = ["x", "z"]\n', encoding="utf-8")
    assert read_word_lists(path, ["a", "b"]) == {"a": ["x", "z"], "b": ["y"]}


@pytest.mark.parametrize("text", ['a = ["x"]\n', 'a = ["x"]\nb = []\n', 'a = ["x"]\nb = [1]\n',
                                  'a = ["x"]\nb = ["y"]\nc = ["z"]\n'])
def test_a_missing_empty_or_extra_list_is_reported_with_the_file(tmp_path: Path,
                                                                  text: str) -> None:
    path = tmp_path / "gatherings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gatherings\.toml: expected the lists a, b"):
        read_word_lists(path, ["a", "b"])


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("a = [", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cannot read .*broken\.toml"):
        read_toml(path)
    with pytest.raises(DataFileError, match="cannot read"):
        read_toml(tmp_path / "absent.toml")
