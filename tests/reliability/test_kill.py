"""SIGKILL an ingest run at random points, resume it, and compare with a clean run."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from equipoise.config import load_settings
from equipoise.models import Article
from equipoise.pipeline import read_articles

from .conftest import EQUIPOISE, cli_env, run_equipoise

SAMPLE = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "sample"
SAMPLE_ARTICLES = 53
COPIES = 30
KILLS = 4
ENV = {"EQUIPOISE_BATCH_SIZE": "8"}


def build_kill_corpus(folder: Path) -> Path:
    """The sample articles under new ids, 30 exact copies under other ids, two bad files."""
    folder.mkdir()
    articles = [a for a in read_articles([str(SAMPLE)], settings=load_settings(environ={}))
                if isinstance(a, Article)]
    for number, article in enumerate(articles):
        _write(folder / f"a-{number:03d}.json", f"kill-a-{number:03d}", article)
    for number, article in enumerate(articles[:COPIES]):
        _write(folder / f"b-{number:03d}.json", f"kill-b-{number:03d}", article)
    (folder / "c-binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "c-broken.json").write_text('{"id": "kill-c", "text": "Seoul', "utf-8")
    return folder


def _write(path: Path, ident: str, article: Article) -> None:
    record = {"id": ident, "title": article.title, "text": article.text,
              "published": article.published.isoformat() if article.published else None}
    path.write_text(json.dumps(record), "utf-8")


def snapshot(db: Path) -> dict[str, object]:
    """What a finished store holds, and the integrity checks any store must pass."""
    with duckdb.connect(str(db), read_only=True) as con:
        def one(sql: str) -> object:
            row = con.execute(sql).fetchone()
            return row[0] if row else None

        return {
            "articles": sorted(con.execute("SELECT id, status FROM articles").fetchall()),
            "event_ids": sorted(r[0] for r in con.execute("SELECT id FROM events").fetchall()),
            "participants": one("SELECT count(*) FROM participants"),
            "repeated_articles": one("SELECT count(*) - count(DISTINCT id) FROM articles"),
            "repeated_sources": one("SELECT count(*) - count(DISTINCT source) FROM articles"),
            "orphan_events": one("SELECT count(*) FROM events WHERE article_id NOT IN "
                                 "(SELECT id FROM articles)"),
            "orphan_participants": one("SELECT count(*) FROM participants WHERE event_id "
                                       "NOT IN (SELECT id FROM events)"),
        }


def _integrity(db: Path) -> None:
    if not db.exists():
        return
    snap = snapshot(db)
    for key in ("repeated_articles", "repeated_sources", "orphan_events", "orphan_participants"):
        assert snap[key] == 0, (key, snap[key])


def _ingest_args(corpus: Path, db: Path) -> list[str]:
    return ["ingest", str(corpus), "--db", str(db), "--quiet"]


def _kill_after(corpus: Path, db: Path, seconds: float) -> int | None:
    proc = subprocess.Popen([str(EQUIPOISE), *_ingest_args(corpus, db)], env=cli_env(**ENV),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait(30)


@pytest.mark.slow
def test_resume_after_sigkill_matches_a_clean_run(tmp_path: Path) -> None:
    corpus = build_kill_corpus(tmp_path / "corpus")
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    started = time.monotonic()
    clean = run_equipoise(_ingest_args(corpus, clean_db), env=cli_env(**ENV))
    clean_seconds = time.monotonic() - started
    assert clean.returncode == 1, clean.stderr  # the two bad files
    rng = random.Random(20260514)
    codes = []
    for _ in range(KILLS):
        codes.append(_kill_after(corpus, killed_db, rng.uniform(3.0, clean_seconds * 0.9)))
        _integrity(killed_db)
    assert -signal.SIGKILL in codes, f"no run was killed mid-way: {codes}"
    final = run_equipoise(_ingest_args(corpus, killed_db), env=cli_env(**ENV))
    assert final.returncode == 1, final.stderr
    assert "Traceback" not in final.stderr
    _integrity(killed_db)
    expected, got = snapshot(clean_db), snapshot(killed_db)
    assert len(expected["articles"]) == SAMPLE_ARTICLES + COPIES + 2  # type: ignore[arg-type]
    assert got == expected
