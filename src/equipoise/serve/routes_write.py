"""``POST /api/articles``: code one article and store it (only with a write token)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header

from equipoise.ingest.clean import clean_document
from equipoise.models import Article, Event, RawDocument, RawFormat
from equipoise.serve.errors import ApiError
from equipoise.serve.models import ArticleIn, EventOut, StoredOut
from equipoise.serve.params import ServeState, state_of
from equipoise.store import ArticleRecord, RunCounts, finish_run, start_run, write_batch

router = APIRouter(prefix="/api")
State = Annotated[ServeState, Depends(state_of)]


def check_token(state: State, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 when writes are off; 401 unless the bearer token matches."""
    if not state.write_token:
        raise ApiError(
            403,
            "writes are disabled on this server; start it with "
            "EQUIPOISE_WRITE_TOKEN set to enable POST /api/articles",
            code="writes_disabled",
        )
    scheme, _, given = (authorization or "").partition(" ")
    expected = state.write_token.encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise ApiError(
            401,
            "missing or wrong token; send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _document(body: ArticleIn) -> RawDocument:
    fmt: RawFormat = "html" if body.html is not None else "text"
    return RawDocument(
        source="api", body=body.html if body.html is not None else body.text or "", fmt=fmt,
        id=body.id, title=body.title, url=body.url, published=body.published, outlet=body.outlet,
    )  # fmt: skip


def _store(state: ServeState, article: Article, events: list[Event], reason: str | None) -> None:
    status = "skipped" if reason else "coded"
    run_id = start_run(state.store, "serve POST /api/articles")
    write_batch(state.store, [ArticleRecord(article, status, reason)], events, run_id=run_id)
    finish_run(
        state.store, run_id, RunCounts(read=1, new=1, skipped=int(bool(reason)), events=len(events))
    )


@router.post(
    "/articles", response_model=StoredOut, status_code=201, dependencies=[Depends(check_token)]
)
def post_article(state: State, body: ArticleIn) -> StoredOut:
    """Clean, code and store one article; returns its id and events."""
    # Imported here: the pipeline pulls in spaCy (seconds), which read-only use never needs.
    from equipoise.pipeline import Resources, code_article, is_codable

    settings = state.settings
    doc = _document(body)
    if len(doc.body) > settings.max_article_chars:
        raise ApiError(413, f"article is longer than {settings.max_article_chars} characters")
    article = clean_document(doc, languages=settings.languages)
    resources = Resources.load(settings)
    reason = is_codable(article, resources)
    events = [] if reason else code_article(article, resources)
    _store(state, article, events, reason)
    return StoredOut(
        article_id=article.id,
        status="skipped" if reason else "coded",
        reason=reason,
        events=[EventOut.model_validate(e.to_dict()) for e in events],
    )
