"""A small hand-made corpus in a real DuckDB file, served by uvicorn on a free port."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from equipoise.models import Actor, Article, Event, Evidence, Location, content_hash, event_id
from equipoise.serve import create_app
from equipoise.store import ArticleRecord, Store, write_batch

TOKEN = "s3cret-write-token"
KOR = Actor("South Korea", "Lee Jae-myung", "KOR", None, "GOV", "President")
CHN = Actor("China", "Xi Jinping", "CHN", None, "GOV", "President")
JPN = Actor("Japan", "Sanae Takaichi", "JPN", None, "GOV", "Prime Minister")
PRK = Actor("North Korea", None, "PRK")
UN = Actor("The UN", "United Nations", None, "UN")
XSS_TEXT = (
    "Analysts quoted a post reading <script>window.__xss = 'script'</script> and "
    "<img src=x onerror=\"window.__xss = 'img'\"> before it was removed. "
    "The UN urged North Korea to return to talks."
)
QUADS = {"CONSULT": 1, "AGREE": 1, "COOPERATE": 2, "REQUEST": 1, "ACCUSE": 3, "REJECT": 3,
         "PROTEST": 4, "MOBILIZE": 4}  # fmt: skip
INTENSITY = {1: 1.0, 2: 3.0, 3: -2.0, 4: -6.0}
PLACES: dict[str, tuple[str, float, float]] = {
    "Gyeongju": ("KOR", 35.856, 129.225), "Beijing": ("CHN", 39.904, 116.407),
    "Nara": ("JPN", 34.685, 135.805), "Tokyo": ("JPN", 35.690, 139.692),
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One event to build: evidence is a substring of its article's text."""

    article: str
    needle: str
    event_type: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    day: date | None
    status: str = "occurred"
    place: str | None = None


ARTICLES: dict[str, tuple[date, str]] = {
    "gyeongju-xi": (
        date(2025, 11, 1),
        "President Lee hosted President Xi in Gyeongju on "
        "Saturday. The two leaders agreed to expand their currency swap.",
    ),
    "yellow-sea": (
        date(2025, 12, 10),
        "South Korea protested Chinese structures in the Yellow Sea.",
    ),
    "dokdo": (
        date(2025, 12, 20),
        "Japan accused South Korea over the islands. Seoul rejected the claim.",
    ),
    "beijing-visit": (date(2026, 1, 5), "Lee flew to Beijing and met Xi on Monday."),
    "nara-takaichi": (
        date(2026, 1, 13),
        "President Lee met Prime Minister Takaichi in Nara "
        "on Tuesday. Both pledged closer security cooperation.",
    ),
    "prk-launch": (
        date(2026, 2, 2),
        "North Korea launched a missile. The UN condemned the launch.",
    ),
    "tokyo-trade": (
        date(2026, 2, 10),
        "🇰🇷🇯🇵 South Korea and Japan signed a trade "
        "agreement in Tokyo. Seoul also consulted Beijing on tariffs.",
    ),
    "xss-post": (date(2026, 2, 15), XSS_TEXT),
}

SPECS: tuple[Spec, ...] = (
    Spec(
        "gyeongju-xi",
        "President Lee hosted President Xi in Gyeongju on Saturday.",
        "CONSULT",
        (KOR,),
        (CHN,),
        date(2025, 11, 1),
        place="Gyeongju",
    ),
    Spec(
        "gyeongju-xi",
        "The two leaders agreed to expand their currency swap.",
        "AGREE",
        (KOR,),
        (CHN,),
        date(2025, 11, 1),
    ),
    Spec(
        "yellow-sea",
        "South Korea protested Chinese structures in the Yellow Sea.",
        "PROTEST",
        (KOR,),
        (CHN,),
        date(2025, 12, 9),
    ),
    Spec(
        "dokdo",
        "Japan accused South Korea over the islands.",
        "ACCUSE",
        (JPN,),
        (KOR,),
        date(2025, 12, 19),
    ),
    Spec("dokdo", "Seoul rejected the claim.", "REJECT", (KOR,), (JPN,), date(2025, 12, 20)),
    Spec(
        "beijing-visit",
        "Lee flew to Beijing and met Xi on Monday.",
        "CONSULT",
        (KOR,),
        (CHN,),
        date(2026, 1, 5),
        place="Beijing",
    ),
    Spec(
        "nara-takaichi",
        "President Lee met Prime Minister Takaichi in Nara on Tuesday.",
        "CONSULT",
        (KOR,),
        (JPN,),
        date(2026, 1, 13),
        place="Nara",
    ),
    Spec(
        "nara-takaichi",
        "Both pledged closer security cooperation.",
        "COOPERATE",
        (KOR, JPN),
        (),
        date(2026, 1, 13),
    ),
    Spec("prk-launch", "North Korea launched a missile.", "MOBILIZE", (PRK,), (), date(2026, 2, 2)),
    Spec("prk-launch", "The UN condemned the launch.", "ACCUSE", (UN,), (PRK,), date(2026, 2, 2)),
    Spec(
        "tokyo-trade",
        "South Korea and Japan signed a trade agreement in Tokyo.",
        "AGREE",
        (KOR,),
        (JPN,),
        date(2026, 2, 10),
        place="Tokyo",
    ),
    Spec(
        "tokyo-trade",
        "Seoul also consulted Beijing on tariffs.",
        "CONSULT",
        (KOR,),
        (CHN,),
        None,
        status="future",
    ),
    Spec(
        "xss-post",
        "The UN urged North Korea to return to talks.",
        "REQUEST",
        (UN,),
        (PRK,),
        date(2026, 2, 15),
    ),
)


# Pasted text often comes with no outlet; the views must say so rather than count 0 outlets.
NO_OUTLET = {"prk-launch"}


def make_article(article_id: str) -> Article:
    published, text = ARTICLES[article_id]
    outlet = None if article_id in NO_OUTLET else "Test Wire"
    return Article(
        id=article_id, text=text, title=f"Report: {article_id}", url=f"https://news.test/{article_id}",
        published=published, outlet=outlet, source=f"{article_id}.json", language="en",
        content_hash=content_hash(text),
    )  # fmt: skip


def make_event(spec: Spec) -> Event:
    text = ARTICLES[spec.article][1]
    start = text.index(spec.needle)
    end = start + len(spec.needle)
    quad = QUADS[spec.event_type]
    location = Location(spec.place, *PLACES[spec.place]) if spec.place else None
    return Event(
        id=event_id(spec.article, start, end, spec.event_type), article_id=spec.article,
        event_type=spec.event_type, status=spec.status,  # type: ignore[arg-type]
        actor=spec.actor, recipient=spec.recipient, evidence=Evidence(spec.needle, start, end),
        date=spec.day, date_precision="day" if spec.day else None, location=location,
        confidence=0.8, quad=quad, intensity=INTENSITY[quad],
    )  # fmt: skip


def build_store(path: Path) -> Store:
    store = Store(path, timeout=10.0)
    records = [ArticleRecord(make_article(a), "coded") for a in ARTICLES]
    write_batch(store, records, [make_event(s) for s in SPECS], run_id="fixture")
    return store


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread; yields its base URL."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        # a server thread (or its request threads) still inside DuckDB when the
        # interpreter exits aborts pytest: wait for it, however long a busy machine takes
        server.should_exit = True
        thread.join(120)
        sock.close()
        if thread.is_alive():
            raise RuntimeError("uvicorn did not stop within 120 s")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "corpus.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="session")
def base_url(corpus_db: Path) -> Iterator[str]:
    """The read-mostly server (write token set) over the shared corpus."""
    with serving(create_app(db=corpus_db, write_token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="session")
def readonly_url(corpus_db: Path) -> Iterator[str]:
    """A server over the same corpus with writes disabled."""
    with serving(create_app(db=corpus_db, write_token="")) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


@pytest.fixture
def fresh_db(tmp_path: Path, corpus_db: Path) -> Path:
    """A private copy of the corpus for tests that write."""
    path = tmp_path / "fresh.duckdb"
    shutil.copy(corpus_db, path)
    return path
