"""Fixtures for the ingest tests: paths to the files under ``data/`` and a page builder."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

PageBuilder = Callable[[str, Sequence[str]], str]


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def wordpress_page() -> PageBuilder:
    """A WordPress post page (nav, share buttons, sidebar, comment form) around paragraphs."""
    template = (DATA / "wordpress_template.html").read_text("utf-8")

    def build(title: str, paragraphs: Sequence[str]) -> str:
        body = "\n".join(f"    <p>{html.escape(p)}</p>" for p in paragraphs)
        return (
            template.replace("@@TITLE@@", html.escape(title))
            .replace("@@DATE@@", "2026-01-14")
            .replace("@@PARAGRAPHS@@", body)
        )

    return build
