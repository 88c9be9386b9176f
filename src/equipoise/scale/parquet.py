"""Partitioned Parquet output of the Dask engine, and loading it into the store.

A folder holds ``events/part-NNNNN.parquet`` (one row per event: the output-contract
fields flattened, the article's outlet, date, url and title alongside, and the full
record as JSON) and ``articles/part-NNNNN.parquet`` (every input with its outcome and
cleaned text). Part N of both comes from the same batch. DuckDB reads the folder as
is: ``SELECT * FROM read_parquet('DIR/events/*.parquet')``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from equipoise.models import Actor, Article, Event
from equipoise.scale.errors import ScaleError
from equipoise.store import ArticleRecord, date_source, event_from_record, naive_utc

__all__ = ["ARTICLE_SCHEMA", "EVENT_SCHEMA", "fresh_folder", "iter_parts", "write_part"]

_ACTOR = pa.struct([(k, pa.string()) for k in ("text", "name", "country", "org", "sector",
                                                "title")])
EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("contexts", pa.list_(pa.string())), ("status", pa.string()),
    ("actor", pa.list_(_ACTOR)), ("recipient", pa.list_(_ACTOR)),
    ("actor_codes", pa.list_(pa.string())), ("recipient_codes", pa.list_(pa.string())),
    ("date", pa.date32()), ("date_precision", pa.string()), ("place", pa.string()),
    ("location_country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("geonameid", pa.int64()), ("evidence_text", pa.string()), ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()), ("confidence", pa.float64()), ("quad", pa.int32()),
    ("intensity", pa.float64()), ("outlet", pa.string()), ("published", pa.date32()),
    ("url", pa.string()), ("title", pa.string()), ("record", pa.string()),
])  # fmt: skip
_ARTICLE_FIELDS = ("id", "source", "url", "title", "outlet", "published", "text",
                   "content_hash", "language", "status", "error", "canonical_id", "fetched_at",
                   "published_source")
_ARTICLE_TYPES = {"published": pa.date32(), "fetched_at": pa.timestamp("us")}
ARTICLE_SCHEMA = pa.schema(
    [(c, _ARTICLE_TYPES.get(c, pa.string())) for c in _ARTICLE_FIELDS]
)


def _codes(actors: Sequence[Actor]) -> list[str]:
    return [a.code for a in actors if a.code]


def _event_row(ev: Event, article: Article | None) -> dict[str, Any]:
    rec = ev.to_dict()
    loc = rec["location"] or {}
    return {
        **{k: rec[k] for k in ("id", "article_id", "event_type", "mode", "contexts", "status",
                               "actor", "recipient", "date_precision", "confidence", "quad",
                               "intensity")},
        "actor_codes": _codes(ev.actor), "recipient_codes": _codes(ev.recipient),
        "date": ev.date, "place": loc.get("place"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
        "evidence_text": ev.evidence.text, "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "outlet": article.outlet if article else None,
        "published": article.published if article else None,
        "url": article.url if article else None, "title": article.title if article else None,
        "record": json.dumps(rec, ensure_ascii=False),
    }  # fmt: skip


def _article_row(rec: ArticleRecord) -> dict[str, Any]:
    a = rec.article
    return {
        "id": a.id, "source": a.source, "url": a.url, "title": a.title, "outlet": a.outlet,
        "published": a.published, "text": a.text, "content_hash": a.content_hash or None,
        "language": a.language, "status": rec.status, "error": rec.error,
        "canonical_id": rec.canonical_id, "fetched_at": naive_utc(a.fetched_at),
        "published_source": a.published_source,
    }  # fmt: skip


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def part_name(number: int) -> str:
    return f"part-{number:05d}.parquet"


def write_part(out_dir: Path, number: int, records: Sequence[ArticleRecord],
               events: Sequence[Event]) -> None:
    """Write one batch: its articles and its events, under the same part number."""
    by_id = {r.article.id: r.article for r in records}
    event_rows = [_event_row(e, by_id.get(e.article_id)) for e in events]
    _write_atomic(pa.Table.from_pylist(event_rows, schema=EVENT_SCHEMA),
                  out_dir / "events" / part_name(number))
    _write_atomic(pa.Table.from_pylist([_article_row(r) for r in records], schema=ARTICLE_SCHEMA),
                  out_dir / "articles" / part_name(number))


def _record(row: dict[str, Any]) -> ArticleRecord:
    published = row["published"]
    article = Article(
        id=row["id"], text=row["text"] or "", title=row["title"], url=row["url"],
        published=published if isinstance(published, date) else None, outlet=row["outlet"],
        source=row["source"] or "", language=row["language"],
        content_hash=row["content_hash"] or "", fetched_at=_utc(row.get("fetched_at")),
        published_source=date_source(row.get("published_source")),
    )  # fmt: skip
    return ArticleRecord(article, row["status"], error=row["error"],
                         canonical_id=row["canonical_id"])


def _utc(value: object) -> datetime | None:
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def _parts(folder: Path) -> list[str]:
    if not (folder / "articles").is_dir():
        raise ScaleError(f"{folder} is not an equipoise Parquet folder (no articles/ inside); "
                         "write one with equipoise ingest --engine dask --parquet DIR")
    return sorted(p.name for p in (folder / "articles").glob("part-*.parquet"))


def _read_part(folder: Path, name: str) -> tuple[list[ArticleRecord], list[Event]]:
    try:
        articles = pq.read_table(folder / "articles" / name).to_pylist()
        events_path = folder / "events" / name
        rows = pq.read_table(events_path, columns=["record"]).to_pylist() \
            if events_path.exists() else []
    except (OSError, pa.ArrowException) as exc:
        raise ScaleError(f"cannot read part {name} of {folder}: {exc}") from exc
    return [_record(r) for r in articles], [event_from_record(json.loads(r["record"]))
                                              for r in rows]


def iter_parts(folder: Path) -> Iterator[tuple[list[ArticleRecord], list[Event]]]:
    """The batches of a Parquet folder, in part order, one at a time."""
    for name in _parts(folder):
        yield _read_part(folder, name)


def fresh_folder(out: Path) -> Path:
    """The output folder, without parts left by an earlier run (they would be loaded too)."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise ScaleError(f"--parquet {out} is a file; give a folder")
    for sub in ("events", "articles"):
        for old in (out / sub).glob("part-*.parquet*"):
            old.unlink()
    (out / "files.json").unlink(missing_ok=True)  # a per-file run's list of kept parts
    out.mkdir(parents=True, exist_ok=True)
    return out
