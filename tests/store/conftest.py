"""Hand-built articles and events, and a fresh store per test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equipoise.models import Actor, Article, Event, Evidence, Location, content_hash, event_id
from equipoise.store import ArticleRecord, Store, write_batch

TEXT_A = (
    "President Lee met Prime Minister Sanae Takaichi in Nara on Tuesday. "
    "China accused Japan of provocation. "
    "Leaders of Japan, South Korea and China held a trilateral summit."
)
TEXT_B = "North Korea launched a missile. The UN condemned the launch."

LEE = Actor("President Lee", "Lee Jae-myung", "KOR", None, "GOV", "President")
TAKAICHI = Actor("Sanae Takaichi", "Sanae Takaichi", "JPN", None, "GOV", "Prime Minister")
CHINA = Actor("China", None, "CHN")
JAPAN = Actor("Japan", None, "JPN")
KOREA = Actor("South Korea", None, "KOR")
PRK = Actor("North Korea", None, "PRK")
UN = Actor("The UN", "United Nations", None, "UN")


def span(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(needle, start, start + len(needle))


def make_event(
    article: Article, needle: str, event_type: str, actor: tuple[Actor, ...],
    recipient: tuple[Actor, ...] = (), **extra: object,
) -> Event:  # fmt: skip
    ev = span(article.text, needle)
    return Event(
        id=event_id(article.id, ev.start, ev.end, event_type), article_id=article.id,
        event_type=event_type, status=extra.pop("status", "occurred"),  # type: ignore[arg-type]
        actor=actor, recipient=recipient, evidence=ev, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def article(article_id: str, text: str, published: date) -> Article:
    return Article(
        id=article_id, text=text, title=f"Title {article_id}", url=f"https://x.test/{article_id}",
        published=published, outlet="Test Wire", source=f"{article_id}.json", language="en",
        content_hash=content_hash(text),
    )  # fmt: skip


ART_A = article("a1", TEXT_A, date(2026, 1, 14))
ART_B = article("b2", TEXT_B, date(2026, 2, 3))

EV_MEET = make_event(
    ART_A, "President Lee met Prime Minister Sanae Takaichi in Nara on Tuesday.", "CONSULT",
    (LEE,), (TAKAICHI,), mode="visit", contexts=("diplomatic",), date=date(2026, 1, 13),
    date_precision="day", confidence=0.86, quad=1, intensity=1.0,
    location=Location("Nara", "JPN", 34.685, 135.805, 1855612),
)  # fmt: skip
EV_ACCUSE = make_event(
    ART_A, "China accused Japan of provocation.", "ACCUSE", (CHINA,), (JAPAN,),
    mode="disapprove", date=date(2026, 1, 12), date_precision="week", confidence=0.7,
    quad=3, intensity=-2.0,
)  # fmt: skip
EV_SUMMIT = make_event(
    ART_A, "Leaders of Japan, South Korea and China held a trilateral summit.", "CONSULT",
    (JAPAN, KOREA, CHINA), mode="multilateral", status="future", confidence=0.6, quad=1,
    intensity=1.0,
)  # fmt: skip
EV_LAUNCH = make_event(
    ART_B, "North Korea launched a missile.", "MOBILIZE", (PRK,), mode="weapons",
    contexts=("military",), date=date(2026, 2, 2), date_precision="day", confidence=0.9,
    quad=4, intensity=-5.0,
)  # fmt: skip
EV_CONDEMN = make_event(
    ART_B, "The UN condemned the launch.", "ACCUSE", (UN,), (PRK,), date=date(2026, 2, 3),
    date_precision="day", confidence=0.8, quad=3, intensity=-2.0,
    more_evidence=(span(TEXT_B, "North Korea launched a missile."),),
)  # fmt: skip

ALL_EVENTS = (EV_MEET, EV_ACCUSE, EV_SUMMIT, EV_LAUNCH, EV_CONDEMN)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "test.duckdb", timeout=5.0)


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with two coded articles, one failed and one skipped."""
    records = [
        ArticleRecord(ART_A, "coded"),
        ArticleRecord(ART_B, "coded"),
        ArticleRecord(article("f3", "garbled", date(2026, 2, 4)), "failed", "nlp: parse error"),
        ArticleRecord(article("s4", "Bonjour", date(2026, 2, 5)), "skipped", "language fr"),
    ]
    write_batch(store, records, ALL_EVENTS, run_id="run-1")
    return store
