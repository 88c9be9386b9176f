"""The per-article failure policy: one bad article is recorded, the others are coded."""

from datetime import date

import pytest

from equipoise.config import Settings
from equipoise.models import Article
from equipoise.pipeline import Resources, code_articles


def test_a_coder_defect_fails_one_article_and_keeps_the_rest(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = Resources.load(settings)
    real = resources.coder.code

    def flaky(article: Article, doc: object) -> list[object]:
        if article.id == "bad":
            raise ZeroDivisionError("boom")
        return real(article, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(resources.coder, "code", flaky)
    text = "Japanese Prime Minister Fumio Kishida met U.S. President Joe Biden on Wednesday."
    articles = [Article(id=i, text=text, published=date(2024, 4, 11), source=i)
                for i in ("good", "bad", "also-good")]
    outcomes = {o.article.id: o for o in code_articles(articles, resources) if o.article}
    assert outcomes["bad"].status == "failed"
    assert "ZeroDivisionError: boom" in (outcomes["bad"].reason or "")
    assert outcomes["good"].events and outcomes["also-good"].events


def test_other_languages_are_skipped_with_the_language(settings: Settings) -> None:
    resources = Resources.load(settings)
    article = Article(id="fr", text="Le président a rencontré son homologue.", language="fr")
    [outcome] = list(code_articles([article], resources))
    assert outcome.status == "skipped" and "fr" in (outcome.reason or "")


class _BreaksOn:
    """The real parser, except that any batch or text holding ``marker`` raises."""

    def __init__(self, nlp: object, marker: str) -> None:
        self.nlp, self.marker = nlp, marker

    def pipe(self, texts: list[str]) -> object:
        texts = list(texts)
        if any(self.marker in t for t in texts):
            raise ValueError("parser broke")
        return self.nlp.pipe(texts)  # type: ignore[attr-defined]

    def __call__(self, text: str) -> object:
        if self.marker in text:
            raise ValueError("parser broke")
        return self.nlp(text)  # type: ignore[operator]


def test_a_text_that_breaks_the_batch_parse_fails_alone(settings: Settings) -> None:
    real = Resources.load(settings)
    resources = Resources(nlp=_BreaksOn(real.nlp, "BREAK"),  # type: ignore[arg-type]
                          coder=real.coder, languages=real.languages)
    text = "Japanese Prime Minister Fumio Kishida met U.S. President Joe Biden on Wednesday."
    articles = [Article(id=i, text=text + (" BREAK" if i == "bad" else ""),
                        published=date(2024, 4, 11), source=i)
                for i in ("good", "bad", "also-good")]
    outcomes = list(code_articles(articles, resources, batch_size=3))
    assert [o.article.id for o in outcomes if o.article] == ["good", "bad", "also-good"]
    assert [o.status for o in outcomes] == ["coded", "failed", "coded"]
    assert "ValueError: parser broke" in (outcomes[1].reason or "")
    assert outcomes[0].events and outcomes[2].events


def test_batched_cuts_in_order_and_keeps_a_short_tail() -> None:
    from equipoise.pipeline import batched

    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []
    assert list(batched("abc", 0)) == [["a"], ["b"], ["c"]]  # a size below 1 means 1


def test_batched_reads_lazily() -> None:
    from itertools import count

    from equipoise.pipeline import batched

    first = next(batched(count(), 3))  # an endless input: only the first batch is read
    assert first == [0, 1, 2]
