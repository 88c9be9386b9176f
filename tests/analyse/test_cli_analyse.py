import json
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from equipoise.cli import cli

from .conftest import Ev, P, build_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    events = [
        Ev(
            "xi",
            "CONSULT",
            date(2026, 1, 5),
            [P("CHN", "President")],
            [P("KOR", "President")],
            mode="visit",
            place="Seoul",
            article="a1",
        ),
        Ev("c2", "AGREE", date(2026, 1, 6), [P("KOR"), P("CHN")], article="a1"),
        Ev(
            "nara",
            "CONSULT",
            date(2026, 1, 12),
            [P("KOR", "President")],
            [P("JPN", "Prime Minister")],
            mode="visit",
            place="Nara",
            article="a2",
        ),
        Ev("j2", "AGREE", date(2026, 3, 12), [P("KOR")], [P("JPN")], article="a3"),
        Ev("j3", "AGREE", date(2026, 3, 13), [P("KOR")], [P("JPN")], article="a4"),
    ]
    return build_store(tmp_path / "cli.duckdb", events)


def _run(*args: str) -> click.testing.Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_balance_json(db: Path, tmp_path: Path) -> None:
    plot = tmp_path / "b.png"
    result = _run(
        "balance",
        "KOR",
        "--between",
        "CHN",
        "JPN",
        "--db",
        str(db),
        "--format",
        "json",
        "--plot",
        str(plot),
    )
    periods = json.loads(result.stdout)
    assert [p["period"] for p in periods] == ["2026-01", "2026-02", "2026-03"]
    first = periods[0]
    assert {"period", "index", "low", "high", "events", "verdict"} <= set(first)
    assert first["events"] == 3
    assert first["index"] == pytest.approx((13.5 - 12.0) / 25.5)
    assert periods[1]["verdict"] == "too little evidence"
    assert periods[1]["index"] is None and periods[1]["low"] is None
    # two independent stories, both toward JPN: a lean, but too few for a verdict
    assert periods[2]["index"] == -1.0 and periods[2]["verdict"] == "too little evidence"
    assert periods[2]["stories"] == 2
    assert plot.stat().st_size > 5000


def test_dyad_csv_to_file_and_table(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    _run("dyad", "KOR", "CHN", "--db", str(db), "--format", "csv", "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0].startswith("period,start,end,direction,events")
    assert any(line.startswith("2026-01,2026-01-01,2026-01-31,combined,2,1") for line in lines)
    table = _run("dyad", "KOR", "CHN", "--db", str(db), "--by", "week").stdout
    assert "CHN->KOR" in table and "2026-W02" in table


def test_sequences_and_profile(db: Path) -> None:
    found = json.loads(_run("sequences", "KOR", "--db", str(db), "--format", "json").stdout)
    assert len(found) == 1
    assert found[0]["first"]["places"] == ["Seoul"] and found[0]["gap_days"] == 7
    none = json.loads(
        _run("sequences", "KOR", "--within", "3", "--db", str(db), "--format", "json").stdout
    )
    assert none == []
    prof = json.loads(_run("profile", "KOR", "JPN", "--db", str(db), "--format", "json").stdout)
    assert prof["events"] == 3 and prof["top"][0]["event_id"] == "nara"


def test_missing_store_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["balance", "KOR", "--between", "CHN", "JPN", "--db", str(tmp_path / "none.duckdb")]
    )
    assert result.exit_code != 0
    assert "no store" in result.output


@pytest.mark.parametrize("command", [["balance", "KOR", "--between", "CHN", "JPN"],
                                     ["dyad", "KOR", "JPN"], ["sequences", "KOR"],
                                     ["profile", "KOR", "JPN"]])
def test_since_after_until_is_a_usage_error(db: Path, command: list[str]) -> None:
    """Not an empty table with exit 0, which reads as 'no engagement'."""
    result = CliRunner().invoke(cli, [*command, "--db", str(db), "--since", "2026-02-01",
                                      "--until", "2026-01-01"])
    assert result.exit_code == 2
    assert "--since 2026-02-01 is after --until 2026-01-01" in result.output


def test_balance_of_several_focal_countries_plots_one_chart_each(db: Path,
                                                                 tmp_path: Path) -> None:
    plot = tmp_path / "b.png"
    result = _run("balance", "JPN,CHN", "--between", "KOR", "USA", "--db", str(db),
                  "--format", "csv", "--plot", str(plot))
    header, *rows = result.stdout.splitlines()
    assert header.startswith("focal,period,")
    assert {row.split(",")[0] for row in rows} == {"JPN", "CHN"}
    assert not plot.exists()
    assert (tmp_path / "b-JPN.png").stat().st_size > 5000
    assert (tmp_path / "b-CHN.png").stat().st_size > 5000


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_balance_plot_says_where_it_wrote_and_replaces_only_its_own_chart(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["balance", "KOR", "--between", "CHN", "JPN", "--db", str(db), "--format", "csv",
            "--plot", f"charts/b{suffix}"]
    chart = tmp_path / "charts" / f"b{suffix}"
    first = _run(*args)
    assert f"wrote chart {chart}" in first.stderr
    assert first.stdout.startswith("period,")  # the report stays clean for a pipe
    again = _run(*args)
    assert f"replaced the earlier chart {chart}" in again.stderr
    chart.write_bytes(b"a holiday photo")
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code != 0
    assert f"{Path('charts') / f'b{suffix}'} exists and is not a chart equipoise wrote" \
        in refused.stderr
    assert chart.read_bytes() == b"a holiday photo"


def test_dyad_plot_says_where_it_wrote(db: Path, tmp_path: Path) -> None:
    plot = tmp_path / "d.svg"
    result = _run("dyad", "KOR", "CHN", "--db", str(db), "--plot", str(plot))
    assert f"wrote chart {plot}" in result.stderr
    assert plot.stat().st_size > 5000
