"""The one ingest job: every way into the store (files, a process pool, Dask and
``load``, the API) screens, codes and commits through it. See ``run.py``."""

from equipoise.job.entry import (
    ingest,
    ingest_document,
    ingest_documents,
    ingest_to_parquet,
    load_parquet,
)
from equipoise.job.run import IngestSummary, Progress
from equipoise.job.screen import failed_article

__all__ = [
    "IngestSummary",
    "Progress",
    "failed_article",
    "ingest",
    "ingest_document",
    "ingest_documents",
    "ingest_to_parquet",
    "load_parquet",
]
