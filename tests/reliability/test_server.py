"""The HTTP API under hostile requests, load and missing tokens, over a real uvicorn."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from click.testing import CliRunner
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from equipoise.cli import cli
from equipoise.models import Actor, Article, Event, Evidence, content_hash, event_id
from equipoise.serve import create_app
from equipoise.store import ArticleRecord, Store, write_batch

from .test_concurrency import server_process

TOKEN = "reliability-token"
HOSTILE_TEXT = (
    "[bold red]Seoul[/bold red] protested to Beijing on Monday. <script>alert(1)</script> "
    "[link=https://evil.test]click[/link] Japan rejected the claim."
)
LOAD_REQUESTS = 2000
LOAD_THREADS = 8
LOAD_PATHS = ("/api/events?page_size=20", "/api/summary", "/api/actors?q=kor",
              "/api/articles/hostile", "/api/health", "/api/dyads/KOR/CHN")


def _article(ident: str, text: str, title: str) -> Article:
    return Article(id=ident, text=text, title=title, published=date(2026, 3, 2),
                   source=f"{ident}.json", language="en", content_hash=content_hash(text))


def _event(article: Article, needle: str, kind: str, actor: str, recipient: str) -> Event:
    start = article.text.index(needle)
    end = start + len(needle)
    return Event(id=event_id(article.id, start, end, kind), article_id=article.id,
                 event_type=kind, status="occurred", actor=(Actor(actor, country=actor),),
                 recipient=(Actor(recipient, country=recipient),),
                 evidence=Evidence(needle, start, end), date=article.published,
                 date_precision="day", quad=4, intensity=-2.0)


def build_store(path: Path) -> Path:
    hostile = _article("hostile", HOSTILE_TEXT, "\x1b[2J[bold]Title[/bold] <b>x</b>")
    plain = _article("plain", "South Korea met China in Seoul on Monday.", "Plain")
    events = [
        _event(hostile, "[bold red]Seoul[/bold red] protested to Beijing on Monday.",
               "PROTEST", "KOR", "CHN"),
        _event(hostile, "Japan rejected the claim.", "REJECT", "JPN", "KOR"),
        _event(plain, "South Korea met China in Seoul on Monday.", "CONSULT", "KOR", "CHN"),
    ]
    write_batch(Store(path), [ArticleRecord(hostile, "coded"), ArticleRecord(plain, "coded")],
                events, run_id="reliability")
    return path


@pytest.fixture(scope="module")
def served_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("served") / "api.duckdb")


@pytest.fixture(scope="module")
def api_app(served_db: Path) -> FastAPI:
    return create_app(db=served_db, write_token="")


@pytest.fixture(scope="module")
def base_url(served_db: Path) -> Iterator[str]:
    with server_process(served_db) as url:
        yield url


def _operations(app: FastAPI) -> list[Any]:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]  # type: ignore[union-attr]


def test_api_never_answers_5xx(api_app: FastAPI) -> None:
    # schemathesis' own pytest plugin does not run under pytest 9, so each operation's
    # case strategy is driven by hypothesis here.
    operations = _operations(api_app)
    assert len(operations) >= 8
    failures: list[str] = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: "
                                f"{response.status_code} {response.text[:200]}")

        check()
    assert failures == []


@pytest.mark.slow
def test_load_on_a_real_server(base_url: str) -> None:
    def hit(i: int, client: httpx.Client) -> tuple[int, float]:
        started = time.perf_counter()
        response = client.get(LOAD_PATHS[i % len(LOAD_PATHS)])
        return response.status_code, time.perf_counter() - started

    limits = httpx.Limits(max_connections=LOAD_THREADS)
    with httpx.Client(base_url=base_url, timeout=30, limits=limits) as client:
        client.get("/api/summary")
        started = time.perf_counter()
        with ThreadPoolExecutor(LOAD_THREADS) as pool:
            results = list(pool.map(lambda i: hit(i, client), range(LOAD_REQUESTS)))
        elapsed = time.perf_counter() - started
    statuses = {code for code, _ in results}
    latencies = sorted(seconds for _, seconds in results)
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"\nload: {LOAD_REQUESTS} requests, {LOAD_THREADS} threads, "
          f"{LOAD_REQUESTS / elapsed:.0f} req/s, p50 {p50 * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms, statuses {sorted(statuses)}")
    # every request answered; how fast is bench/bench_api.py's to measure, not a test's
    assert statuses == {200}


def test_reads_need_no_token_and_writes_are_off_without_one(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/articles/hostile").status_code == 200
        refused = client.post("/api/articles", json={"text": "Seoul met Tokyo."},
                              headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "writes_disabled"


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x",
                                    "Bearer", f"bearer  {TOKEN[:-1]}"])
def test_writes_need_the_exact_token(served_db: Path, tmp_path: Path, header: str | None
                                     ) -> None:
    app = create_app(db=served_db, write_token=TOKEN)
    transport = httpx.ASGITransport(app=app)

    async def post() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            headers = {"Authorization": header} if header is not None else {}
            return await client.post("/api/articles", json={"text": "Seoul met Tokyo."},
                                     headers=headers)

    import asyncio

    response = asyncio.run(post())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_article_cli_prints_text_literally(served_db: Path) -> None:
    for flags in ([], ["--plain"]):
        result = CliRunner().invoke(cli, ["article", "hostile", "--db", str(served_db), *flags])
        assert result.exit_code == 0, result.output
        assert "[bold red]Seoul[/bold red]" in result.stdout
        assert "[link=https://evil.test]click[/link]" in result.stdout
        assert "<script>alert(1)</script>" in result.stdout
        assert "[bold]Title[/bold] <b>x</b>" in result.stdout


def test_article_cli_sends_no_terminal_escapes(served_db: Path) -> None:
    result = CliRunner().invoke(cli, ["article", "hostile", "--db", str(served_db), "--plain"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
