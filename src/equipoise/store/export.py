"""Exporting events in six formats, and reading each back.

- ``jsonl``: the output-contract records, one per line.
- ``csv`` and ``parquet``: one flat row per event (actor and recipient codes as
  ``;``-joined text in CSV, as lists in Parquet).
- ``plover-jsonl``: the field names of the PLOVER manual's data format.
- ``polecat-tsv``: the column layout of the POLECAT release files (multi-valued
  fields ``;``-joined), restricted to what equipoise records, plus status,
  confidence and the evidence text.
- ``cameo-tsv``: one row per actor x recipient pair (every pair of co-actors when
  there is no recipient) with a CAMEO root and Goldstein score; the mapping is
  documented in :mod:`equipoise.store.cameo`.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from equipoise.errors import InputError, StoreError
from equipoise.store._layouts import TABULAR, ArticleMeta, Column, Layout, plover_record
from equipoise.store.cameo import CameoMapping, load_cameo_mapping
from equipoise.store.db import Store
from equipoise.store.query import EventFilter, order_clause, where_clause

__all__ = ["FORMATS", "export_events", "read_events"]

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "plover-jsonl", "polecat-tsv", "cameo-tsv")
_DELIMITERS = {"csv": ",", "polecat-tsv": "\t", "cameo-tsv": "\t"}
_LIST_SEP = ";"
_CHUNK = 2000
_ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
    "list": pa.list_(pa.string()),
}  # fmt: skip

_Item = tuple[dict[str, Any], ArticleMeta]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _iter_events(store: Store, flt: EventFilter) -> Iterator[list[_Item]]:
    where, params = where_clause(flt)
    order, order_params = order_clause(flt)
    sql = (
        "SELECT e.record, a.published, a.outlet, a.url, a.language FROM events e "
        f"LEFT JOIN articles a ON a.id = e.article_id WHERE {where} {order}"
    )
    with store.connect(read_only=True) as con:
        cursor = con.execute(sql, params + order_params)
        while rows := cursor.fetchmany(_CHUNK):
            yield [(json.loads(r[0]), ArticleMeta(r[1], r[2], r[3], r[4])) for r in rows]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _LIST_SEP.join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_jsonl(chunks: Iterator[list[_Item]], out: TextIO, plover: bool) -> int:
    n = 0
    for chunk in chunks:
        for rec, meta in chunk:
            obj = plover_record(rec, meta) if plover else rec
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_delimited(
    chunks: Iterator[list[_Item]], out: TextIO, fmt: str, mapping: CameoMapping
) -> int:
    layout = TABULAR[fmt]
    writer = csv.writer(out, delimiter=_DELIMITERS[fmt], lineterminator="\n")
    writer.writerow([c.name for c in layout.columns])
    n = 0
    for chunk in chunks:
        for rec, meta in chunk:
            for row in layout.rows(rec, meta, mapping):
                writer.writerow([_cell(row[c.name]) for c in layout.columns])
            n += 1
    return n


def _arrow_schema(layout: Layout) -> pa.Schema:
    return pa.schema([(c.name, _ARROW_TYPES[c.kind]) for c in layout.columns])


def _write_parquet(chunks: Iterator[list[_Item]], path: Path, mapping: CameoMapping) -> int:
    layout = TABULAR["parquet"]
    schema = _arrow_schema(layout)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in chunks:
            rows = [row for rec, meta in chunk for row in layout.rows(rec, meta, mapping)]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


@contextmanager
def _text_out(out: Path | TextIO) -> Iterator[TextIO]:
    if not isinstance(out, Path):
        yield out
        return
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise StoreError(f"cannot write export {out}: {exc.strerror or exc}") from exc


def export_events(
    store: Store,
    flt: EventFilter,
    fmt: str,
    out: Path | TextIO,
    *,
    cameo_mapping: CameoMapping | None = None,
) -> int:
    """Write the matching events to ``out`` in ``fmt``; returns how many events.

    Parquet needs a file path. Rows stream from the store in chunks, under one
    read-only connection held for the length of the export.
    """
    _check_format(fmt)
    mapping = cameo_mapping or load_cameo_mapping()
    events = _iter_events(store, flt)
    # the store is opened (or found missing) before the output file is created or emptied
    first = next(events, None)
    chunks = itertools.chain([] if first is None else [first], events)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise InputError("parquet export needs a file path, not a text stream")
        try:
            return _write_parquet(chunks, out, mapping)
        except OSError as exc:
            raise StoreError(f"cannot write export {out}: {exc}") from exc
    with _text_out(out) as handle:
        if fmt in ("jsonl", "plover-jsonl"):
            return _write_jsonl(chunks, handle, plover=fmt == "plover-jsonl")
        return _write_delimited(chunks, handle, fmt, mapping)


def _parse(value: str, column: Column) -> Any:
    if column.kind == "list":
        return value.split(_LIST_SEP) if value else []
    if value == "":
        return None
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    if column.kind == "date":
        return date.fromisoformat(value)
    return value


def _read_delimited(path: Path, fmt: str) -> list[dict[str, Any]]:
    layout = TABULAR[fmt]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=_DELIMITERS[fmt])
        expected = [c.name for c in layout.columns]
        if reader.fieldnames != expected:
            raise InputError(f"{path}: columns {reader.fieldnames} are not the {fmt} layout")
        return [{c.name: _parse(row[c.name], c) for c in layout.columns} for row in reader]


def read_events(path: Path, fmt: str) -> list[dict[str, Any]]:
    """Read an export back: JSON objects, or typed rows of the format's columns."""
    _check_format(fmt)
    try:
        if fmt in ("jsonl", "plover-jsonl"):
            with path.open(encoding="utf-8") as handle:
                return [json.loads(line) for line in handle if line.strip()]
        if fmt == "parquet":
            rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
            return rows
        return _read_delimited(path, fmt)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InputError(f"cannot read {fmt} export {path}: {exc}") from exc
