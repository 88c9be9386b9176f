"""Code checks and dictionary look-ups for the API (the same ones the CLI makes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from equipoise.analyse.codes import code_book
from equipoise.serve.models import DictionaryEntryOut, DictionaryList
from equipoise.serve.params import ServeState, state_of

router = APIRouter(prefix="/api")
State = Annotated[ServeState, Depends(state_of)]


def check_codes(state: ServeState, *codes: str | None) -> None:
    """404 with suggestions for a code the actor dictionary does not know."""
    book = code_book(state.settings.actor_files)
    for code in codes:
        if code is not None:
            book.resolve(code)


def check_sector(state: ServeState, sector: str | None) -> str | None:
    """The sector code, upper-cased; 404 listing the vocabulary for an unknown one."""
    return None if sector is None else code_book(state.settings.actor_files).sector(sector)


@router.get("/dictionary", response_model=DictionaryList)
def dictionary(
    state: State,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DictionaryList:
    """States, organisations and people (with terms of office) whose code or name has ``q``."""
    found = code_book(state.settings.actor_files).search(q, limit=limit)
    return DictionaryList(items=[
        DictionaryEntryOut(kind=m.kind, code=m.code, name=m.name, title=m.title,
                           start=m.start, end=m.end, names=list(m.names))
        for m in found
    ])  # fmt: skip
