"""One input file as one task: read, clean and code it where the task runs.

A cluster given a folder of web archives (CC-NEWS) should not wait for one client to
read every record: each WARC file goes to a worker whole, which reads, cleans and
codes it and returns what became of each input. The client still screens (language,
exact and near duplicates across files, in file order) and writes, so the result
equals a local run; a copy found by that screening was coded for nothing, which costs
less than shipping every cleaned text to the client and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from equipoise.config import Settings
from equipoise.models import Article, Failure
from equipoise.pipeline import (
    Outcome,
    batched,
    code_batch_with,
    language_reason,
    read_articles,
)

__all__ = ["FileResult", "code_file", "file_failure"]

STAGE = "ingest"


@dataclass(frozen=True, slots=True)
class FileResult:
    """The inputs of one file in read order, and each one's coding outcome.

    ``outcomes[i]`` belongs to ``items[i]``: None for an input that could not be read or
    cleaned (a ``Failure``) and for an article in a language not coded. ``retry``: the
    task itself was lost (not the file at fault), so a rerun should try the file again.
    """

    file: str
    items: list[Article | Failure]
    outcomes: list[Outcome | None]
    retry: bool = False


def code_file(path: str, settings: Settings, published: date | None = None) -> FileResult:
    """Read, clean and code every input of ``path``; never raises for a bad input.

    A defect met while reading ends the file as a failure with its reason; the inputs
    read before it are kept and coded.
    """
    items: list[Article | Failure] = []
    try:
        items.extend(read_articles([path], settings=settings, published=published))
    except Exception as exc:  # one broken file must not cost the run its other files
        items.append(file_failure(path, f"internal error {type(exc).__name__} while reading: "
                                  f"{exc}; the inputs before it were read"))
    to_code = [i for i in items if isinstance(i, Article)
               and language_reason(i, settings.languages) is None]
    coded: dict[int, Outcome] = {}
    for batch in batched(to_code, settings.batch_size):
        for article, outcome in zip(batch, code_batch_with(batch, settings), strict=True):
            coded[id(article)] = outcome
    return FileResult(path, items, [coded.get(id(item)) for item in items])


def file_failure(path: str, reason: str) -> Failure:
    """The failure that stands for a whole file (or what was left of it)."""
    return Failure(source=path, stage=STAGE, reason=reason)
