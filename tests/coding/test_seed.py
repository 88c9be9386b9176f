"""The seed article: its three dyadic events and nothing else, the pledge with all its
evidence (the AI and semiconductor sentence says what the cooperation is about)."""

from __future__ import annotations

import pytest

from equipoise.config import load_settings
from equipoise.models import Article
from equipoise.pipeline import Resources, code_article, read_articles

from ..conftest import SHARED_EVAL

SEED = SHARED_EVAL / "articles" / "seed.json"


@pytest.mark.skipif(not SEED.exists(), reason="shared eval seed article not present")
def test_seed_pledge_carries_the_technology_sentence(resources: Resources) -> None:
    article = next(iter(read_articles([str(SEED)], settings=load_settings())))
    assert isinstance(article, Article)
    events = code_article(article, resources)
    claims = {(e.event_type, frozenset(a.code for a in e.actor + e.recipient))
              for e in events if e.status in ("occurred", "future")}
    assert claims == {("CONSULT", frozenset({"CHN", "KOR"})),
                      ("CONSULT", frozenset({"KOR", "JPN"})), ("AGREE", frozenset({"KOR", "JPN"}))}
    pledge = next(e for e in events if e.event_type == "AGREE")
    texts = [span.text for span in (pledge.evidence, *pledge.more_evidence)]
    assert any("pledged to deepen coordination" in t for t in texts)
    assert any("artificial intelligence" in t and "semiconductor" in t for t in texts)
    assert "technology" in pledge.contexts
    for span in (pledge.evidence, *pledge.more_evidence):
        assert article.text[span.start:span.end] == span.text
