"""The stages composed: sources -> articles -> events, in one process.

``code_article`` is the pure per-article function (``Article -> list[Event]``) that a
process pool or a Dask cluster runs as is; ``Resources`` holds what it needs, loaded
once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.language import Language

from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.matcher import NameMatcher
from equipoise.actors.mentions import MentionFinder
from equipoise.coding.coder import Coder, CoderOptions
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.seam import DEFAULT_SOURCES, DEFAULT_TYPER, trigger_sources, typer
from equipoise.config import Settings
from equipoise.errors import EquipoiseError, InputError
from equipoise.ingest.clean import clean_document
from equipoise.ingest.readers import iter_documents
from equipoise.models import Article, Event, Failure, RawDocument
from equipoise.nlp.pipeline import load_nlp
from equipoise.resolve.places import Gazetteer


@dataclass(frozen=True, slots=True)
class Resources:
    """The read-only things coding needs: the spaCy pipeline and the coder's data."""

    nlp: Language
    coder: Coder
    languages: tuple[str, ...]

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        return _load_resources(settings.spacy_model, settings.actor_files, settings.place_files,
                               settings.languages, settings.learned_triggers)


@lru_cache(maxsize=2)
def _load_resources(model: str, actor_files: tuple[str, ...], place_files: tuple[str, ...],
                    languages: tuple[str, ...], learned: bool = False) -> Resources:
    nlp = load_nlp(model)
    actors = ActorDictionary.load(actor_files)
    lexicon = Lexicon.load()
    coder = Coder(
        lexicon=lexicon,
        sources=trigger_sources(_source_names(learned), lexicon),
        typer=typer(DEFAULT_TYPER, lexicon),
        mentions=MentionFinder(NameMatcher(nlp, actors), actors),
        gazetteer=Gazetteer.load(place_files),
        options=CoderOptions(),
        actors=actors,
    )
    return Resources(nlp=nlp, coder=coder, languages=languages)


def _source_names(learned: bool) -> tuple[str, ...]:
    if not learned:
        return DEFAULT_SOURCES
    from equipoise.coding.learned import SOURCE_NAME  # registers it; loads onnxruntime late

    return (*DEFAULT_SOURCES, SOURCE_NAME)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: coded (with its events), skipped or failed."""

    source: str
    article: Article | None
    events: tuple[Event, ...] = ()
    status: str = "coded"  # coded | skipped | failed
    reason: str | None = None


def code_article(article: Article, resources: Resources) -> list[Event]:
    """The events of one article (parses it; for many, ``code_articles`` batches)."""
    return resources.coder.code(article, resources.nlp(article.text))


def is_codable(article: Article, resources: Resources) -> str | None:
    """Why an article is skipped (its language), or None when it can be coded."""
    if article.language and article.language not in resources.languages:
        return f"language {article.language} is not one of {', '.join(resources.languages)}"
    return None


def code_articles(articles: Iterable[Article], resources: Resources, *, batch_size: int = 32
                  ) -> Iterator[Outcome]:
    """Parse in batches with ``nlp.pipe`` and code each article; order is kept."""
    for article, reason in _screen(articles, resources):
        if reason is not None:
            yield Outcome(article.source, article, status="skipped", reason=reason)
            continue
        yield _code_one(article, resources)


def _screen(articles: Iterable[Article], resources: Resources
            ) -> Iterator[tuple[Article, str | None]]:
    for article in articles:
        yield article, is_codable(article, resources)


def _code_one(article: Article, resources: Resources) -> Outcome:
    try:
        events = code_article(article, resources)
    except EquipoiseError as exc:
        return Outcome(article.source, article, status="failed", reason=f"coding: {exc}")
    except Exception as exc:  # a coder defect on one text must not lose the other articles
        reason = f"coding: internal error {type(exc).__name__}: {exc}; please report it"
        return Outcome(article.source, article, status="failed", reason=reason)
    return Outcome(article.source, article, tuple(events))


def read_articles(paths: Iterable[str], *, settings: Settings, published: date | None = None
                  ) -> Iterator[Article | Failure]:
    """Ingest and clean: every input becomes an Article or a Failure with its reason."""
    for item in iter_documents(paths, max_chars=settings.max_article_chars):
        if isinstance(item, Failure):
            yield item
            continue
        yield _clean(item, settings, published)


def _clean(doc: RawDocument, settings: Settings, published: date | None) -> Article | Failure:
    try:
        return clean_document(doc, default_published=published, languages=settings.languages,
                              max_chars=settings.max_article_chars)
    except InputError as exc:
        return Failure(source=doc.source, stage="clean", reason=str(exc), article_id=doc.id)


def extract(paths: Iterable[str], *, settings: Settings, published: date | None = None
            ) -> Iterator[Outcome]:
    """Code files without storing them: one Outcome per input, in input order."""
    resources = Resources.load(settings)
    for item in read_articles(paths, settings=settings, published=published):
        if isinstance(item, Failure):
            yield Outcome(item.source, None, status="failed", reason=f"{item.stage}: {item.reason}")
            continue
        yield from code_articles([item], resources, batch_size=settings.batch_size)
