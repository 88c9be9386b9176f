"""Codes as users type them: names resolve, unknown codes fail with suggestions."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from equipoise.analyse.codes import UnknownCodeError, code_book
from equipoise.cli import cli

from .conftest import Ev, P, build_store


@pytest.mark.parametrize(
    ("typed", "code"),
    [("KOR", "KOR"), ("kor", "KOR"), ("South Korea", "KOR"), ("Japan", "JPN"),
     ("the United Nations", "UN"), ("Lee Jae-myung", "KOR")],
)  # fmt: skip
def test_codes_and_names_resolve(typed: str, code: str) -> None:
    assert code_book().resolve(typed) == code


def test_unknown_code_names_the_closest() -> None:
    with pytest.raises(UnknownCodeError, match=r"did you mean CHN \(China\)"):
        code_book().resolve("Chna")
    with pytest.raises(UnknownCodeError, match=r"did you mean KOR \(South Korea\)"):
        code_book().resolve("Korea")


def test_search_lists_people_with_terms() -> None:
    found = code_book().search("Lee Jae")
    lee = next(m for m in found if m.name == "Lee Jae-myung")
    assert (lee.kind, lee.code, lee.title) == ("person", "KOR", "President")
    assert lee.start is not None and lee.end is None


CASES = [
    ["events", "--actor", "XYZ"],
    ["dyad", "KOR", "ZZZ"],
    ["balance", "XYZ", "--between", "CHN", "JPN"],
    ["balance", "KOR", "--between", "CHN", "QQQ"],
    ["sequences", "ZZZ"],
    ["profile", "KOR", "ZZZ"],
]


@pytest.mark.parametrize("args", CASES)
def test_unknown_codes_exit_non_zero_with_a_suggestion(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "did you mean" in result.output
    assert not (tmp_path / "none.duckdb").exists()


def test_names_are_accepted_on_the_command_line(tmp_path: Path) -> None:
    day = date(2026, 1, 5)
    db = build_store(tmp_path / "s.duckdb", [Ev("a", "AGREE", day, [P("KOR")], [P("JPN")])])
    result = CliRunner().invoke(cli, ["dyad", "South Korea", "Japan", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "KOR->JPN" in result.output
    result = CliRunner().invoke(cli, ["balance", "South Korea", "--between", "China", "Japan",
                                      "--db", str(db), "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"period": "2026-01"' in result.output


def test_actors_command_shows_codes_names_and_terms() -> None:
    result = CliRunner().invoke(cli, ["actors", "Korea"])
    assert result.exit_code == 0
    assert "KOR" in result.output and "South Korea" in result.output and "PRK" in result.output
    result = CliRunner().invoke(cli, ["actors", "Lee Jae-myung", "--format", "json"])
    assert '"start": "2025-06-04"' in result.output
    result = CliRunner().invoke(cli, ["actors", "Qqqqq"])
    assert result.exit_code != 0


def test_actors_limit_says_how_many_are_shown_of_how_many() -> None:
    every = CliRunner().invoke(cli, ["actors", "Kim", "--format", "json", "--limit", "1000"])
    total = len(json.loads(every.stdout))
    assert total > 3
    cut = CliRunner().invoke(cli, ["actors", "Kim", "--limit", "2"])
    assert cut.exit_code == 0, cut.output
    assert f"showing 2 of {total} actors matching 'Kim'" in cut.stdout
    assert "--limit" in cut.stdout
    whole = CliRunner().invoke(cli, ["actors", "Kim", "--limit", str(total)])
    assert f"{total} actors matching 'Kim'" in whole.stdout and "showing" not in whole.stdout
    cut_json = CliRunner().invoke(cli, ["actors", "Kim", "--limit", "2", "--format", "json"])
    assert len(json.loads(cut_json.stdout)) == 2
    assert f"showing 2 of {total}" in cut_json.stderr
    many = CliRunner().invoke(cli, ["actors", "an"])  # more than the default 50
    assert "showing 50 of " in many.stdout
