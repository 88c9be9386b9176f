"""The DuckDB store: schema migrations, batch writes, queries, clusters and exports.

``Store`` is the public interface (``store.events(...)``, ``store.pairs(...)``,
``store.commit(...)``); the names below are its records and options. Code outside
this package imports from here, never from the submodules.
"""

from equipoise.store.cameo import CameoCode, CameoMapping, load_cameo_mapping
from equipoise.store.clusters import ClusterInfo
from equipoise.store.db import LATEST_VERSION, Store
from equipoise.store.dyads import Edge, MonthCount, pair_rows
from equipoise.store.export import FORMATS, export_events, read_events
from equipoise.store.feeds import (
    FeedPollRecord,
    FeedState,
    list_feeds,
    mark_seen,
    record_poll,
    seen_keys,
)
from equipoise.store.merge import MergeOptions, MergeSummary
from equipoise.store.query import (
    SORT_COLUMNS,
    ActorHit,
    CorpusSummary,
    DyadCount,
    EventFilter,
    EventPlace,
    FailedArticle,
    RunInfo,
    StoredArticle,
    Story,
    corpus_summary,
    count_events,
    failures,
    get_article,
    get_event,
    query_events,
    recent_runs,
    search_actors,
)
from equipoise.store.records import date_source, event_from_record
from equipoise.store.search import (
    ArticleHit,
    ArticlePage,
    ArticleQuery,
    index_path,
    search_articles,
    sync_index,
)
from equipoise.store.write import (
    ARTICLE_STATUSES,
    ArticleRecord,
    RunCounts,
    commit_batch,
    finish_run,
    known_article_ids,
    known_hashes,
    naive_utc,
    start_run,
    write_batch,
)

__all__ = [
    "ARTICLE_STATUSES",
    "FORMATS",
    "LATEST_VERSION",
    "SORT_COLUMNS",
    "ActorHit",
    "ArticleHit",
    "ArticlePage",
    "ArticleQuery",
    "ArticleRecord",
    "CameoCode",
    "CameoMapping",
    "ClusterInfo",
    "CorpusSummary",
    "DyadCount",
    "Edge",
    "EventFilter",
    "EventPlace",
    "FailedArticle",
    "FeedPollRecord",
    "FeedState",
    "MergeOptions",
    "MergeSummary",
    "MonthCount",
    "RunCounts",
    "RunInfo",
    "Store",
    "StoredArticle",
    "Story",
    "commit_batch",
    "corpus_summary",
    "count_events",
    "date_source",
    "event_from_record",
    "export_events",
    "failures",
    "finish_run",
    "get_article",
    "get_event",
    "index_path",
    "known_article_ids",
    "known_hashes",
    "list_feeds",
    "load_cameo_mapping",
    "mark_seen",
    "naive_utc",
    "pair_rows",
    "query_events",
    "read_events",
    "recent_runs",
    "record_poll",
    "search_actors",
    "search_articles",
    "seen_keys",
    "start_run",
    "sync_index",
    "write_batch",
]
