"""Hand-built articles and events for the scale tests, and a fresh store per test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equipoise.models import Actor, Article, Event, Evidence, Precision, content_hash, event_id
from equipoise.store.db import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "equipoise" / "data" / "sample"

LEE = Actor("President Lee", "Lee Jae-myung", "KOR", None, "GOV", "President")
TAKAICHI = Actor("Sanae Takaichi", "Sanae Takaichi", "JPN", None, "GOV", "Prime Minister")
CHINA = Actor("China", None, "CHN")
JAPAN = Actor("Japan", None, "JPN")


def article(ident: str, text: str, outlet: str, published: date = date(2026, 1, 14)) -> Article:
    return Article(id=ident, text=text, title=ident, published=published, outlet=outlet,
                   source=f"{ident}.json", language="en", content_hash=content_hash(text))


def event(art: Article, event_type: str, actor: tuple[Actor, ...], recipient: tuple[Actor, ...],
          day: date | None, precision: Precision | None = "day", *,
          status: str = "occurred") -> Event:
    """An event whose evidence is the whole article text."""
    ev = Evidence(art.text, 0, len(art.text))
    return Event(id=event_id(art.id, 0, len(art.text), event_type), article_id=art.id,
                 event_type=event_type, status=status,  # type: ignore[arg-type]
                 actor=actor, recipient=recipient, evidence=ev, date=day,
                 date_precision=precision, quad=1 if event_type == "CONSULT" else 3,
                 intensity=1.0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "scale.duckdb", timeout=5.0)


# Six sample articles, two of them about the same Lee-Ishiba meeting.
SAMPLE_FILES = [str(SAMPLE / n) for n in (
    "001-seoul-trilateral-summit.json", "002-north-korea-satellite-explodes.json",
    "010-lee-ishiba-tokyo-summit.json", "011-lee-trump-white-house.json",
    "016-lee-xi-beijing-state-visit.json", "017-lee-takaichi-nara-summit.json")]


@pytest.fixture
def sample_files() -> list[str]:
    return list(SAMPLE_FILES)
