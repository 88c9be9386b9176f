"""The coding pipeline, loaded once per session, and the coded table rows, cached."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from equipoise.config import load_settings
from equipoise.models import Article, Event
from equipoise.pipeline import Resources, code_article

from .table import Row


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources.load(load_settings())


@pytest.fixture(scope="session")
def code_row(resources: Resources) -> Callable[[Row], list[Event]]:
    """Code a row's text once; the offset test and the row tests share the result."""
    cache: dict[str, list[Event]] = {}

    def code(row: Row) -> list[Event]:
        if row.id not in cache:
            article = Article(id=row.id, text=row.text, published=row.published)
            cache[row.id] = code_article(article, resources)
        return cache[row.id]

    return code
