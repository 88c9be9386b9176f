"""Bugs found outside the ingest package by the reliability work, kept as regression tests.

Each test states the behaviour that should hold; it turns into a failure (XPASS) as
soon as the fix lands, so the marker must then be removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from equipoise.config import load_settings
from equipoise.job import ingest
from equipoise.models import Article, content_hash
from equipoise.pipeline import Resources, code_article
from equipoise.store.db import Store

STORY = (
    "South Korean President Lee Jae-myung met Japanese Prime Minister Shigeru Ishiba in "
    "Tokyo on Saturday. The two leaders agreed to expand cooperation on supply chains and "
    "to hold regular shuttle visits. Lee said the relationship had entered a new phase, and "
    "Ishiba said Japan would work closely with Seoul on North Korea. Officials from both "
    "governments said a joint statement would be issued later in the week after further "
    "talks between ministers."
)


def _json(folder: Path, name: str, record: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(record), "utf-8")
    return folder


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_event_ids_are_unique_within_an_article(resources: Resources) -> None:
    text = ("Japan and China held talks on fisheries in Beijing on Monday. "
            "Both sides agreed to meet again.")
    article = Article(id="dup", text=text, language="en", content_hash=content_hash(text))
    ids = [e.id for e in code_article(article, resources)]
    assert ids and len(ids) == len(set(ids))


def test_near_copy_in_a_later_run_is_a_duplicate(tmp_path: Path, resources: Resources) -> None:
    settings, store = load_settings(environ={}), Store(tmp_path / "s.duckdb")
    first = _json(tmp_path / "one", "a.json", {"id": "story-a", "text": STORY})
    copy = STORY.replace("later in the week", "on Friday")
    second = _json(tmp_path / "two", "b.json", {"id": "story-b", "text": copy})
    ingest([str(first)], settings=settings, store=store)
    summary = ingest([str(second)], settings=settings, store=store)
    assert summary.counts.duplicates == 1
    assert _rows(store.path, "SELECT status FROM articles WHERE id = 'story-b'") == [
        ("duplicate",)]


def test_a_failed_input_never_replaces_a_coded_article(tmp_path: Path,
                                                       resources: Resources) -> None:
    settings, store = load_settings(environ={}), Store(tmp_path / "s.duckdb")
    good = _json(tmp_path / "good", "a.json", {"id": "story-a", "text": STORY})
    bad = _json(tmp_path / "bad", "a.json", {"id": "story-a", "html": "<script>x()</script>"})
    ingest([str(good)], settings=settings, store=store)
    events = _rows(store.path, "SELECT count(*) FROM events")
    assert events[0][0] > 0
    ingest([str(bad)], settings=settings, store=store)
    assert _rows(store.path, "SELECT status FROM articles WHERE id = 'story-a'") == [("coded",)]
    assert _rows(store.path, "SELECT count(*) FROM events") == events
