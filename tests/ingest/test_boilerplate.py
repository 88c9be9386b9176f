"""The boilerplate phrase list: its format check and its matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.errors import DataFileError
from equipoise.ingest._boilerplate import default_boilerplate, load_boilerplate, parse_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "leave a reply",
        "Your email address will not be published. Required fields are marked *",
        "Required fields are marked *",
        "Click to share on Facebook (Opens in new window)",
        "Share this: Like this:",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Comment *",
        "Like Loading...",
    ],
)
def test_shipped_phrases_match_whole_lines(line: str) -> None:
    assert default_boilerplate().is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply was the name of the minister's blog, aides said.",
        "The envoys agreed to share this data with Japan.",
        "Related talks are due next month.",
        "",
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    assert not default_boilerplate().is_boilerplate(line)


def test_user_file_extends_the_list(tmp_path: Path) -> None:
    extra = tmp_path / "mine.txt"
    extra.write_text("# ours\nRead more from our partners ...\nSupport independent journalism\n")
    rules = load_boilerplate([extra])
    assert rules.is_boilerplate("Read more from our partners at the Gazette")
    assert rules.is_boilerplate("Support independent journalism.")
    assert rules.is_boilerplate("Leave a Reply")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("One\none\n", "duplicate"),
        ("# only comments\n", "no phrases"),
        ("Read ... more\n", "' ...'"),
        ("x" * 201 + "\n", "longer than"),
    ],
)
def test_format_errors_name_the_line(text: str, fragment: str) -> None:
    with pytest.raises(DataFileError, match=fragment):
        parse_boilerplate(text, "mine.txt")


def test_unreadable_user_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_boilerplate([tmp_path / "absent.txt"])
