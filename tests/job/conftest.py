"""A coder that breaks on one chosen article, for the fault-injection tests of every path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from equipoise.coding.coder import Coder
from equipoise.store import EventFilter, Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "equipoise" / "data" / "sample"
FILES = [str(SAMPLE / n) for n in (
    "001-seoul-trilateral-summit.json", "010-lee-ishiba-tokyo-summit.json",
    "017-lee-takaichi-nara-summit.json")]
BROKEN = "010"  # the id of the article the coder raises on (the second file)


@pytest.fixture
def faulty_coder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``Coder.code`` raises on the BROKEN article; forked workers inherit the patch."""
    real = Coder.code

    def code(self: Coder, article: Any, doc: Any) -> Any:
        if article.id == BROKEN:
            raise RuntimeError("injected defect")
        return real(self, article, doc)

    monkeypatch.setattr(Coder, "code", code)
    yield


def assert_one_failed_rest_stored(store: Store) -> None:
    """The other articles are coded with events, the broken one is recorded, the run ended."""
    failed = store.failures()
    assert [(f.id, f.status) for f in failed] == [(BROKEN, "failed")]
    assert failed[0].error is not None and failed[0].error.startswith("coding: ")
    assert "injected defect" in failed[0].error
    coded = {e["article_id"] for e in store.events(EventFilter(limit=500))}
    assert len(coded) == 2
    run = store.runs(limit=1)[0]
    assert run.finished_at is not None
    assert (run.read, run.new, run.failed) == (3, 2, 1)
