"""Live news: fetching pages and feeds politely, URLs and URL lists as inputs."""

from equipoise.ingest.web.fetch import (
    Fetched,
    Fetcher,
    FetchError,
    FetchOptions,
    Validators,
)
from equipoise.ingest.web.sources import (
    Feed,
    FeedItem,
    fetch_item,
    is_url,
    is_url_list,
    iter_url_inputs,
    parse_feed,
    read_url_list,
)

__all__ = [
    "Feed",
    "FeedItem",
    "FetchError",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "Validators",
    "fetch_item",
    "is_url",
    "is_url_list",
    "iter_url_inputs",
    "parse_feed",
    "read_url_list",
]
