"""Every kind of input in one stream: files, folders, web archives, URLs and URL lists.

Inputs are read in the order given. URLs (and the URLs listed in ``.urls`` files) are
fetched with one polite client for the whole run, so the per-host delay and the
robots.txt cache hold across them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from equipoise.config import Settings
from equipoise.ingest.readers import iter_documents
from equipoise.ingest.web.fetch import Fetcher, FetchOptions
from equipoise.ingest.web.sources import is_url, is_url_list, iter_url_inputs, read_url_list
from equipoise.models import Failure, RawDocument

__all__ = ["iter_inputs"]


def iter_inputs(paths: Iterable[str | Path], *, settings: Settings
                ) -> Iterator[RawDocument | Failure]:
    """Every document behind ``paths``; each one that cannot be had is a ``Failure``."""
    fetcher: Fetcher | None = None
    try:
        for path in paths:
            text = str(path)
            if not (is_url(text) or is_url_list(text)):
                yield from iter_documents([path], max_chars=settings.max_article_chars)
                continue
            fetcher = fetcher or Fetcher(FetchOptions.from_settings(settings))
            yield from _urls(text, fetcher, settings.max_article_chars)
    finally:
        if fetcher is not None:
            fetcher.close()


def _urls(text: str, fetcher: Fetcher, max_chars: int) -> Iterator[RawDocument | Failure]:
    listed = [text] if is_url(text) else list(read_url_list(text))
    yield from (u for u in listed if isinstance(u, Failure))
    urls = [u for u in listed if isinstance(u, str)]
    yield from iter_url_inputs(urls, fetcher, max_chars=max_chars)
