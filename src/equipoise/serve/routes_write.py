"""``POST /api/articles``: code one article and store it (only with a write token)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header

from equipoise.models import RawDocument, RawFormat
from equipoise.serve.errors import ApiError
from equipoise.serve.models import ArticleIn, EventOut, StoredOut
from equipoise.serve.params import ServeState, state_of

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


@router.post(
    "/articles", response_model=StoredOut, status_code=201, dependencies=[Depends(check_token)]
)
def post_article(state: State, body: ArticleIn) -> StoredOut:
    """Clean, code and store one article through the ingest job; returns its outcome.

    A coder defect or an unreadable body is recorded like any failed input (status
    ``failed`` with the stage and reason), not a server error.
    """
    # Imported here: the job pulls in spaCy (seconds), which read-only use never needs.
    from equipoise.job import ingest_document

    settings = state.settings
    doc = _document(body)
    if len(doc.body) > settings.max_article_chars:
        raise ApiError(413, f"article is longer than {settings.max_article_chars} characters")
    article_id = ingest_document(doc, settings=settings, store=state.store)
    stored = state.store.article(article_id)
    if stored is None:  # pragma: no cover - the job has just written it
        raise ApiError(500, f"article {article_id} was not stored")
    return StoredOut(
        article_id=article_id,
        status=stored.status,
        reason=stored.error,
        events=[EventOut.model_validate(e.to_dict()) for e in stored.events],
    )
