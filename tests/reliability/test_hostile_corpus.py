"""The hostile corpus through the real CLI: every input ends in one recorded outcome."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from equipoise.cli import cli
from equipoise.config import load_settings
from equipoise.models import Article
from equipoise.pipeline import read_articles

from .hostile import EXPECTED, big_article

CAP = 20_000
SUMMARY = re.compile(
    r"read (\d+), new (\d+), already stored (\d+), duplicates skipped (\d+), skipped (\d+), "
    r"failed (\d+); (\d+) events -> "
)


@dataclass(frozen=True)
class Run:
    result: Result
    db: Path
    corpus: Path


def _ingest(corpus: Path, db: Path) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "--quiet"],
                         env={"EQUIPOISE_MAX_ARTICLE_CHARS": str(CAP)})


@pytest.fixture(scope="module")
def run(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    db = tmp_path_factory.mktemp("hostile-db") / "store.duckdb"
    return Run(_ingest(hostile_dir, db), db, hostile_dir)


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _articles(run: Run) -> dict[str, tuple[str, str | None, str | None, str]]:
    rows = _rows(run.db, "SELECT source, status, error, language, text FROM articles")
    prefix = f"{run.corpus}/"
    out = {}
    for source, status, error, language, text in rows:
        assert isinstance(source, str) and source.startswith(prefix)
        assert source.removeprefix(prefix) not in out, f"{source} stored twice"
        out[source.removeprefix(prefix)] = (str(status), error, language, str(text))
    return out


def test_run_ends_without_traceback_and_exit_code_says_failures(run: Run) -> None:
    assert run.result.exception is None or isinstance(run.result.exception, SystemExit)
    assert run.result.exit_code == 1
    assert "Traceback" not in run.result.output


def test_every_input_has_exactly_its_expected_outcome(run: Run) -> None:
    stored = _articles(run)
    assert sorted(stored) == sorted(e.source for e in EXPECTED)
    for expect in EXPECTED:
        status, error, _, _ = stored[expect.source]
        assert status == expect.status, (expect.source, error)
        if expect.status == "coded":
            assert error is None
        else:
            assert error and expect.reason in error, (expect.source, error)


def test_summary_line_counts_the_outcomes(run: Run) -> None:
    match = SUMMARY.search(run.result.stdout)
    assert match, run.result.stdout
    read, new, already, dups, skipped, failed, events = map(int, match.groups())
    by_status = Counter(e.status for e in EXPECTED)
    assert (read, new, already, dups) == (len(EXPECTED), by_status["coded"], 0, 0)
    assert (skipped, failed) == (by_status["skipped"], by_status["failed"])
    # Not equal: the coder can emit two events with one id (see test_known_bugs.py).
    assert events >= _rows(run.db, "SELECT count(*) FROM events")[0][0] > 0
    for expect in EXPECTED:
        if expect.status != "coded":
            assert expect.source in run.result.stderr


def test_skipped_articles_keep_their_detected_language(run: Run) -> None:
    stored = _articles(run)
    languages = {s: stored[s][2] for s in stored if stored[s][0] == "skipped"}
    assert languages == {"es-article.html": "es", "fr-article.txt": "fr",
                         "ko-article.json": "ko", "zh-article.jsonl:1": "zh-cn"}
    skipped_events = _rows(run.db, "SELECT count(*) FROM events e JOIN articles a "
                                   "ON a.id = e.article_id WHERE a.status <> 'coded'")
    assert skipped_events == [(0,)]


def test_stored_text_is_clean_and_bounded(run: Run) -> None:
    for source, (status, _, _, text) in _articles(run).items():
        assert len(text) <= CAP, source
        bad = [c for c in text if c != "\n" and unicodedata.category(c) == "Cc"]
        assert not bad, (source, bad[:5])
        assert "\u200b" not in text and "\ufeff" not in text
        if status == "coded":
            assert text.strip(), source
    assert len(_articles(run)["huge.txt"][3]) > CAP * 0.9


def test_dates_far_off_or_missing_are_kept_as_given(run: Run) -> None:
    rows = dict(_rows(run.db, "SELECT id, published FROM articles WHERE id LIKE 'rel-%'"))
    assert str(rows["rel-future"]) == "2199-05-01"
    assert str(rows["rel-1800s"]) == "1876-02-27"
    assert rows["rel-nodate"] is None


def test_store_is_consistent(run: Run) -> None:
    orphans = _rows(run.db, "SELECT count(*) FROM events WHERE article_id NOT IN "
                            "(SELECT id FROM articles)")
    loose = _rows(run.db, "SELECT count(*) FROM participants WHERE event_id NOT IN "
                          "(SELECT id FROM events)")
    spans = _rows(run.db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                          "WHERE substr(a.text, e.evidence_start + 1, "
                          "e.evidence_end - e.evidence_start) <> e.evidence_text")
    assert (orphans, loose, spans) == ([(0,)], [(0,)], [(0,)])


def test_rerun_changes_nothing(run: Run, tmp_path: Path) -> None:
    before = _rows(run.db, "SELECT id, status, error FROM articles ORDER BY id")
    events = _rows(run.db, "SELECT id FROM events ORDER BY id")
    result = _ingest(run.corpus, run.db)
    assert result.exit_code == 1
    assert _rows(run.db, "SELECT id, status, error FROM articles ORDER BY id") == before
    assert _rows(run.db, "SELECT id FROM events ORDER BY id") == events
    assert "new 0," in result.stdout


def test_a_huge_file_is_cut_at_the_default_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(big_article(5_000_000), "utf-8")
    settings = load_settings(environ={})
    items = list(read_articles([str(path)], settings=settings))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert settings.max_article_chars * 0.9 < len(items[0].text) <= settings.max_article_chars


def test_extract_reports_each_bad_input_on_one_line(hostile_dir: Path) -> None:
    names = ["binary.txt", "fr-article.txt", "text-not-string.json", "no-date.json"]
    result = CliRunner().invoke(cli, ["extract", *(str(hostile_dir / n) for n in names),
                                      "--format", "jsonl"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["failed", "skipped", "failed"]
    assert all(line.startswith("{") for line in result.stdout.strip().splitlines())
