"""The stages composed: sources -> articles -> events, in one process.

``code_article`` is the pure per-article function (``Article -> list[Event]``);
``code_batch`` runs it over a batch and is what every worker runs (in this process, a
process pool or a Dask cluster): it returns one ``Outcome`` per article, failures
included, so a defect on one text never costs another. ``Resources`` holds what
coding needs, loaded once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.matcher import NameMatcher
from equipoise.actors.mentions import MentionFinder
from equipoise.coding.coder import Coder, CoderOptions
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.seam import DEFAULT_SOURCES, DEFAULT_TYPER, trigger_sources, typer
from equipoise.config import Settings
from equipoise.errors import EquipoiseError, InputError
from equipoise.ingest.clean import clean_document
from equipoise.ingest.inputs import iter_inputs
from equipoise.ingest.web.sources import is_url
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
        """Loaded once per process; a caller arriving while another thread loads (a Dask
        worker's preload, see ``scale/dask_engine.py``) waits for it instead of loading
        a second copy."""
        with _LOADING:
            return _load_resources(settings.spacy_model, settings.actor_files,
                                   settings.place_files, settings.languages,
                                   settings.learned_triggers)


T = TypeVar("T")

_LOADING = threading.Lock()


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
    """What became of one input: coded (with its events), skipped or failed.

    ``stage`` names where a skipped or failed input stopped (read, clean, language,
    coding); ``reason`` says why, for a user to act on.
    """

    source: str
    article: Article | None
    events: tuple[Event, ...] = ()
    status: str = "coded"  # coded | skipped | failed
    reason: str | None = None
    stage: str | None = None

    def failure(self) -> Failure:
        """This outcome as a ``Failure`` record (for a skipped or failed input)."""
        ident = self.article.id if self.article else None
        return Failure(self.source, self.stage or "coding", self.reason or self.status, ident)


def code_article(article: Article, resources: Resources) -> list[Event]:
    """The events of one article (parses it; for many, ``code_articles`` batches)."""
    return resources.coder.code(article, resources.nlp(article.text))


def is_codable(article: Article, resources: Resources) -> str | None:
    """Why an article is skipped (its language), or None when it can be coded."""
    return language_reason(article, resources.languages)


def language_reason(article: Article, languages: Sequence[str]) -> str | None:
    """Why an article in another language is skipped, or None (no spaCy needed)."""
    if article.language and article.language not in languages:
        return f"language {article.language} is not one of {', '.join(languages)}"
    return None


def code_articles(articles: Iterable[Article], resources: Resources, *, batch_size: int = 32
                  ) -> Iterator[Outcome]:
    """Screen for language, then ``code_batch`` in batches; order is kept."""
    batch: list[Article] = []
    for article in articles:
        reason = is_codable(article, resources)
        if reason is None:
            batch.append(article)
        else:
            yield from code_batch(batch, resources)
            batch = []
            yield Outcome(article.source, article, status="skipped", reason=reason,
                          stage="language")
        if len(batch) >= max(1, batch_size):
            yield from code_batch(batch, resources)
            batch = []
    yield from code_batch(batch, resources)


def code_batch(articles: Sequence[Article], resources: Resources) -> list[Outcome]:
    """One outcome per article, parsed together with ``nlp.pipe``, in article order.

    When the batch parse itself fails, each article is parsed alone so that only the
    one that breaks the parser fails.
    """
    if not articles:
        return []
    try:
        docs = list(resources.nlp.pipe([a.text for a in articles]))
    except Exception:  # which article broke the parser is found by parsing one at a time
        return [_code_alone(a, resources) for a in articles]
    return [_code_parsed(a, d, resources) for a, d in zip(articles, docs, strict=True)]


def code_batch_with(articles: Sequence[Article], settings: Settings) -> list[Outcome]:
    """``code_batch`` for a worker: resources are loaded on first use and cached per process."""
    return code_batch(articles, Resources.load(settings))


def _code_parsed(article: Article, doc: Doc, resources: Resources) -> Outcome:
    try:
        return Outcome(article.source, article, tuple(resources.coder.code(article, doc)))
    except Exception as exc:  # a coder defect on one text must not lose the other articles
        return _failed(article, exc)


def _code_alone(article: Article, resources: Resources) -> Outcome:
    try:
        return Outcome(article.source, article, tuple(code_article(article, resources)))
    except Exception as exc:
        return _failed(article, exc)


def _failed(article: Article, exc: Exception) -> Outcome:
    reason = str(exc) if isinstance(exc, EquipoiseError) else (
        f"internal error {type(exc).__name__}: {exc}; please report it")
    return Outcome(article.source, article, status="failed", reason=reason, stage="coding")


def read_articles(paths: Iterable[str], *, settings: Settings, published: date | None = None
                  ) -> Iterator[Article | Failure]:
    """Ingest and clean: every input becomes an Article or a Failure with its reason."""
    docs = iter_inputs(paths, settings=settings)
    return clean_documents(docs, settings=settings, published=published)


def nonempty(paths: Sequence[str], items: Iterator[Article | Failure]
             ) -> Iterator[Article | Failure]:
    """``items`` as they come, once there is something to read under ``paths``.

    Raises ``InputError`` before any store or folder is made when no path exists or
    the paths hold no input at all: a mistyped path or an empty folder is said, not
    stored. An unreadable file is an input, recorded as failed.
    """
    if not paths or not any(Path(p).exists() or is_url(p) for p in paths):
        raise InputError(f"no such file or folder: {', '.join(paths) or '(none given)'}")
    first = next(items, None)
    if first is None:
        raise InputError(f"nothing to read in {', '.join(paths)}: no .txt, .html, .json, "
                         ".jsonl or feed files found")
    return chain([first], items)


def clean_documents(docs: Iterable[RawDocument | Failure], *, settings: Settings,
                    published: date | None = None) -> Iterator[Article | Failure]:
    """Clean documents from any source (files, the API, feeds); failures pass through."""
    for item in docs:
        if isinstance(item, Failure):
            yield item
            continue
        yield _clean(item, settings, published)


def _clean(doc: RawDocument, settings: Settings, published: date | None) -> Article | Failure:
    try:
        article = clean_document(doc, default_published=published,
                                 languages=settings.languages,
                                 max_chars=settings.max_article_chars)
    except InputError as exc:
        return Failure(source=doc.source, stage="clean", reason=str(exc), article_id=doc.id)
    return replace(article, fetched_at=doc.fetched_at) if doc.fetched_at else article


def extract(paths: Iterable[str], *, settings: Settings, published: date | None = None
            ) -> Iterator[Outcome]:
    """Code files without storing them: one Outcome per input, in input order."""
    paths = list(paths)
    items = nonempty(paths, read_articles(paths, settings=settings, published=published))
    resources = Resources.load(settings)
    for chunk in batched(items, settings.batch_size):
        yield from _code_chunk(chunk, resources)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily: the
    one batching of the ingest paths (extract, the job, a file on a worker)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


def _code_chunk(chunk: list[Article | Failure], resources: Resources) -> Iterator[Outcome]:
    """The chunk's articles parsed as one batch; outcomes in input order, failures included."""
    articles = [item for item in chunk if isinstance(item, Article)]
    coded = iter(code_articles(articles, resources, batch_size=len(chunk)))
    for item in chunk:
        if isinstance(item, Failure):
            yield Outcome(item.source, None, status="failed", reason=item.reason,
                          stage=item.stage)
        else:
            yield next(coded)
