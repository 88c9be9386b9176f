"""Property-based tests: cleaning, date finding and coding on arbitrary input."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipoise.errors import InputError
from equipoise.ingest.clean import clean_document
from equipoise.models import Article, RawDocument, content_hash
from equipoise.pipeline import Resources, code_article
from equipoise.resolve.dates import find_dates

_WORDS = (
    "South Korea", "Japan", "China", "North Korea", "President Lee Jae-myung", "Xi Jinping",
    "met", "visited", "accused", "protested", "agreed", "signed", "sanctioned", "threatened",
    "on Monday", "last week", "in Seoul", "in Tokyo", "March 3", "2025", "next month", ".",
    ",", "the", "talks", "missile", "\n\n", "did not", "may", "would", "\u200b", "\x00",
    "<p>", "</p>", "<div>", "<script>", "&amp;", "«", "»", "한국", "日本", "—", "1800",
)  # fmt: skip
# Text that looks enough like news for the coder's paths to run, mixed with noise.
news_like = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)),
                     max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)
html_like = st.lists(
    st.one_of(st.sampled_from(("<p>", "</p>", "<div>", "</div>", "<script>", "</script>",
                               "<style>", "<!--", "-->", "<![CDATA[", "<title>", "&#0;",
                               "&#x110000;", "<br/>", "<?xml ?>", "<html>", "<")),
              st.text(max_size=30), st.sampled_from(_WORDS)),
    max_size=40,
).map("".join)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _controls(text: str) -> list[str]:
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) == "Cc"]


@settings(max_examples=300, deadline=None)
@given(body=st.one_of(any_text, html_like), fmt=st.sampled_from(("text", "html")),
       title=st.one_of(st.none(), st.text(max_size=40)))
def test_clean_document_raises_only_input_error_and_strips_controls(
    body: str, fmt: str, title: str | None
) -> None:
    doc = RawDocument(source="prop", body=body, fmt=fmt, title=title)  # type: ignore[arg-type]
    try:
        article = clean_document(doc)
    except InputError as exc:
        assert "no article text" in str(exc)
        return
    assert article.text.strip()
    assert _controls(article.text) == []
    assert article.title is None or not _controls(article.title.replace("\n", "\x00"))
    assert "\u200b" not in article.text
    assert article.content_hash == content_hash(article.text)


@settings(max_examples=300, deadline=None)
@given(text=any_text, published=dates, prefer=st.sampled_from(("past", "future")))
def test_find_dates_never_raises_and_offsets_fit(text: str, published: date | None,
                                                 prefer: str) -> None:
    for mention in find_dates(text, published, prefer=prefer):  # type: ignore[arg-type]
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_like, published=dates)
def test_coder_never_raises_and_evidence_points_into_text(
    resources: Resources, text: str, published: date | None
) -> None:
    article = Article(id="prop", text=text, published=published, language="en",
                      content_hash=content_hash(text))
    for event in code_article(article, resources):
        assert event.article_id == "prop"
        for span in (event.evidence, *event.more_evidence):
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start:span.end] == span.text
