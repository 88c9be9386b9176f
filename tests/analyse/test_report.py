"""The report's reading: the overall split first (the reference case: Seoul met Beijing
and Tokyo once each, so it engaged both equally), then how sure the monthly verdicts are."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from equipoise.analyse.report import build_report
from equipoise.cli import cli
from equipoise.store import Store

from ..conftest import SHARED_EVAL
from .conftest import build_store
from .test_balance import coop

SEED = SHARED_EVAL / "articles" / "seed.json"


@pytest.mark.skipif(not SEED.exists(), reason="shared eval seed article not present")
def test_the_seed_article_reads_as_equal_engagement(tmp_path: Path) -> None:
    db = str(tmp_path / "seed.duckdb")
    assert CliRunner().invoke(cli, ["ingest", str(SEED), "--db", db]).exit_code == 0
    result = CliRunner().invoke(cli, ["report", "--db", db])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "KOR engaged CHN and JPN equally: 1 story with CHN, 1 story with JPN" in text
    assert "too few independent stories to call with confidence" in text  # one story each
    assert "met CHN on 2026-01-07 (Seoul) and JPN on 2026-01-14 (Nara), 7 days apart" in text


def test_a_lopsided_store_reads_as_leaning(tmp_path: Path) -> None:
    events = [coop(f"c{i}", "CHN", article=f"c{i}") for i in range(6)]
    events.append(coop("j0", "JPN", article="j0"))
    report = build_report(Store(build_store(tmp_path / "lean.duckdb", events)))
    assert "KOR leaned toward CHN: 6 stories with CHN, 1 story with JPN" in report.reading
    assert "engaged CHN and JPN equally" not in report.reading


def test_no_engagement_says_so(tmp_path: Path) -> None:
    report = build_report(Store(build_store(tmp_path / "none.duckdb", [])))
    assert report.reading == "The store holds no cooperative engagement of KOR with CHN or JPN."
