from datetime import date, timedelta
from pathlib import Path

import pytest

from equipoise.analyse.balance import balance
from equipoise.analyse.dyads import dyad_series
from equipoise.analyse.errors import AnalysisError
from equipoise.analyse.plots import plot_balance, plot_dyad
from equipoise.analyse.sequences import sequences

from .conftest import Connect, Ev, P


def _events() -> list[Ev]:
    out = []
    for i in range(24):
        power = "CHN" if i % 3 else "JPN"
        kind, quad = ("ACCUSE", 3) if i % 5 == 0 else ("AGREE", 1)
        out.append(
            Ev(
                f"e{i}",
                kind,
                date(2026, 1, 1) + timedelta(days=9 * i),
                [P("KOR")],
                [P(power)],
                article=f"a{i % 10}",
                quad=quad,
                intensity=2.0,
            )
        )
    out.append(
        Ev(
            "s1",
            "CONSULT",
            date(2026, 2, 1),
            [P("KOR", "President")],
            [P("CHN", "President")],
            mode="visit",
        )
    )
    out.append(
        Ev(
            "s2",
            "CONSULT",
            date(2026, 2, 8),
            [P("KOR", "President")],
            [P("JPN", "Prime Minister")],
            mode="visit",
        )
    )
    return out


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plots_written(store: Connect, tmp_path: Path, suffix: str) -> None:
    con = store(_events())
    dyad = plot_dyad(dyad_series(con, "KOR", "CHN"), tmp_path / f"dyad{suffix}")
    periods = balance(con, "KOR", ("CHN", "JPN"))
    summits = sequences(con, "KOR", powers=["CHN", "JPN"])
    assert len(summits) == 1
    chart = plot_balance(
        periods, tmp_path / f"balance{suffix}", focal="KOR", between=("CHN", "JPN"), summits=summits
    )
    for path in (dyad, chart):
        assert path.stat().st_size > 5000
    if suffix == ".png":
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert b"<svg" in chart.read_bytes()[:500]


def test_plot_rejects_other_suffix(store: Connect, tmp_path: Path) -> None:
    with pytest.raises(AnalysisError):
        plot_dyad(dyad_series(store(_events()), "KOR", "CHN"), tmp_path / "x.pdf")
