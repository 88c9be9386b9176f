"""Terminal tables fit 80 columns, cut text at a word and say when a limit cut the list."""

from pathlib import Path

import pytest

from equipoise.cli._tables import heading, shorten

from ..conftest import SAMPLE
from .test_store_commands import invoke


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [("short enough", 20, "short enough"),
     ("Lee met Takaichi in Nara on Tuesday", 20, "Lee met Takaichi in…"),
     ("Lee met Takaichi, then left", 18, "Lee met Takaichi…"),
     ("Supercalifragilistic", 8, "Superca…")],
)  # fmt: skip
def test_shorten_cuts_at_a_word_with_an_ellipsis(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_heading_says_showing_n_of_m() -> None:
    assert heading(5, 5) == "5 events"
    assert heading(5, 196).startswith("showing 5 of 196 events")


@pytest.mark.parametrize(
    "args",
    [["events", "--actor", "KOR", "--limit", "12"],
     ["balance", "KOR", "--between", "CHN", "JPN"],
     ["dyad", "KOR", "JPN"], ["sequences", "KOR"], ["profile", "KOR", "JPN"]],
)  # fmt: skip
def test_tables_fit_80_columns(sample_store: Path, args: list[str]) -> None:
    code, out, err = invoke(*args, "--db", str(sample_store))
    assert code == 0, err
    too_wide = [line for line in out.splitlines() if len(line) > 80]
    assert too_wide == []


def test_events_table_shows_article_ids_and_the_limit(sample_store: Path) -> None:
    code, out, _ = invoke("events", "--actor", "KOR", "--limit", "3", "--db", str(sample_store))
    assert code == 0
    assert out.splitlines()[0].startswith("showing 3 of ")
    evidence_lines = [line for line in out.splitlines() if line.startswith("    [")]
    assert len(evidence_lines) == 3  # each event's article id opens its evidence line
    code, out, _ = invoke("events", "--actor", "KOR", "--limit", "3", "--wide",
                          "--db", str(sample_store))
    assert code == 0 and "article" in out and "evidence" in out


def test_extract_and_profile_keep_the_evidence_readable(sample_store: Path) -> None:
    """At 80 columns an evidence column was a word a line; now it has lines of its own."""
    lead = "South Korean President Lee Jae-myung"
    code, out, err = invoke("extract", str(SAMPLE / "017-lee-takaichi-nara-summit.json"))
    assert code == 0, err
    assert out.startswith("017: ") and f"[017] {lead}" in out  # the count is the coder's
    assert [line for line in out.splitlines() if len(line) > 80] == []
    code, out, err = invoke("profile", "KOR", "JPN", "--top", "3", "--db", str(sample_store))
    assert code == 0, err
    assert lead in out and "Top events by weight" in out


def test_a_column_of_figures_has_one_precision(sample_store: Path) -> None:
    code, out, _ = invoke("dyad", "KOR", "JPN", "--by", "year", "--db", str(sample_store))
    assert code == 0
    nets = {line.split()[4] for line in out.splitlines() if "KOR->JPN" in line}
    assert nets and all(len(n.split(".")[1]) == 1 for n in nets)  # 0.0 and 4.0, not 0.000


def test_stories_say_when_no_outlet_is_known(sample_store: Path) -> None:
    code, out, _ = invoke("events", "--db", str(sample_store))
    assert code == 0
    assert "outlet unknown" in out and "0 outlets" not in out


@pytest.mark.parametrize(
    "args",
    [["report"], ["balance", "KOR", "--between", "CHN", "JPN"], ["dyad", "KOR", "JPN"],
     ["sequences", "KOR"], ["profile", "KOR", "CHN"], ["events", "--actor", "KOR"],
     ["events", "--actor", "KOR", "--wide"], ["events", "--rows", "report"], ["article", "017"],
     ["article", "017", "--plain"], ["articles", "Nara"], ["feeds"]],
)  # fmt: skip
def test_report_lines_end_without_spaces(sample_store: Path, args: list[str]) -> None:
    """Rich pads lines to the console's width; piped into a file or a diff they must not
    end in spaces."""
    code, out, err = invoke(*args, "--db", str(sample_store))
    assert code == 0, err
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_actor_lookup_lines_end_without_spaces() -> None:
    code, out, err = invoke("actors", "Korea")
    assert code == 0, err
    assert [line for line in out.splitlines() if line != line.rstrip()] == []
