"""A local web site per test, and a fetcher that does not wait between requests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from equipoise.ingest.web import Fetcher, FetchOptions


@pytest.fixture
def options() -> FetchOptions:
    return FetchOptions(user_agent="equipoise/0.1", contact="ops@example.org", timeout=2.0,
                        retries=1, backoff=0.0, max_redirects=3, max_bytes=1_000_000,
                        host_delay=0.0)


@pytest.fixture
def fetcher(options: FetchOptions) -> Iterator[Fetcher]:
    with Fetcher(options) as client:
        yield client
