"""Writes while serving: POST with the token, and an ingest from another process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from equipoise.serve import create_app
from equipoise.store import EventFilter, Store

from .conftest import SPECS, TOKEN, serving

WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from equipoise.models import Actor, Article, Event, Evidence
    from equipoise.store import ArticleRecord, Store, write_batch

    text = "Japan and China held talks in Beijing."
    art = Article(id="late-news", text=text, published=date(2026, 3, 1))
    ev = Event(id="late-event", article_id="late-news", event_type="CONSULT",
               status="occurred", actor=(Actor("Japan", None, "JPN"),),
               recipient=(Actor("China", None, "CHN"),), evidence=Evidence(text, 0, len(text)),
               date=date(2026, 3, 1), quad=1, intensity=1.0)
    write_batch(Store(sys.argv[1], timeout=20), [ArticleRecord(art, "coded")], [ev],
                run_id="other-process")
""")


def test_ingest_from_another_process_shows_without_restart(fresh_db: Path) -> None:
    with (
        serving(create_app(db=fresh_db, write_token="")) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        assert client.get("/api/events").json()["total"] == len(SPECS)
        subprocess.run([sys.executable, "-c", WRITER, str(fresh_db)], check=True, timeout=60)
        body = client.get("/api/events", params={"actor": "JPN", "recipient": "CHN"}).json()
        assert [e["id"] for e in body["items"]] == ["late-event"]
        assert client.get("/api/summary").json()["last_date"] == "2026-03-01"


# filters whose totals the write below changes, and one it leaves alone
COUNTED: tuple[dict[str, str], ...] = (
    {}, {"actor": "JPN", "recipient": "CHN"}, {"type": "CONSULT"}, {"actor": "JPN"},
    {"recipient": "CHN", "status": "occurred"}, {"type": "MOBILIZE"},
)
_FILTER_NAMES = {"type": "event_type"}


def _uncached_total(db: Path, query: dict[str, str]) -> int:
    """The count from a store with no kept connection, so nothing remembered."""
    flt = EventFilter(**{_FILTER_NAMES.get(k, k): v for k, v in query.items()})
    return Store(db).count_events(flt)


def test_remembered_totals_follow_a_write_from_another_process(fresh_db: Path) -> None:
    with (
        serving(create_app(db=fresh_db, write_token="")) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        def totals() -> list[int]:  # each asked twice: the second answer is remembered
            first = [client.get("/api/events", params=q).json()["total"] for q in COUNTED]
            again = [client.get("/api/events", params=q).json()["total"] for q in COUNTED]
            assert first == again
            return first

        before = totals()
        subprocess.run([sys.executable, "-c", WRITER, str(fresh_db)], check=True, timeout=60)
        after = totals()
    assert before == [_uncached_total(fresh_db, q) - d for q, d in
                      zip(COUNTED, (1, 1, 1, 1, 1, 0), strict=True)]
    assert after == [_uncached_total(fresh_db, q) for q in COUNTED]


@pytest.mark.slow
def test_post_article_codes_and_stores_it(fresh_db: Path) -> None:
    article = {
        "id": "api-summit",
        "title": "Lee and Takaichi meet in Nara",
        "published": "2026-01-14",
        "outlet": "Test Wire",
        "text": (
            "South Korean President Lee Jae-myung met Japanese Prime Minister Sanae "
            "Takaichi in Nara on Tuesday. The two leaders agreed to deepen security "
            "cooperation."
        ),
    }
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with (
        serving(create_app(db=fresh_db, write_token=TOKEN)) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        response = client.post("/api/articles", json=article, headers=auth)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["article_id"] == "api-summit" and body["status"] == "coded"
        assert body["events"], "the coder found no event in a plain summit sentence"
        stored = client.get("/api/articles/api-summit").json()
        assert stored["title"] == article["title"]
        assert [e["id"] for e in stored["events"]] == [e["id"] for e in body["events"]]
        for ev in stored["events"]:
            span = ev["evidence"]
            assert stored["text"][span["start"] : span["end"]] == span["text"]
        listed = client.get("/api/events", params={"article_id": "api-summit"}).json()
        assert listed["total"] == len(body["events"])
