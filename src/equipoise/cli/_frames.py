"""Tables, CSV and JSON of the analyses' frames for the command line (pandas, rich)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.table import Table


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and pd.isna(value):
        return None
    return value


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*[_cell(v) for v in row])
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None).print(table)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def frame_text(frame: pd.DataFrame, fmt: str, title: str) -> str:
    if fmt == "csv":
        return str(frame.to_csv(index=False))
    if fmt == "json":
        return json.dumps(records(frame), indent=2, ensure_ascii=False) + "\n"
    return _table(title, list(frame.columns), list(frame.itertuples(index=False, name=None)))


def emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


TABLE_COLUMNS = ["period", "index", "low", "high", "events", "verdict", "conflict_index",
                 "announced_p1", "announced_p2"]


def balance_frame(periods: Sequence[Any], fmt: str) -> pd.DataFrame:
    """All fields for csv/json; the columns that fit a terminal for the table."""
    frame = pd.DataFrame([p.to_dict() for p in periods])
    return frame[TABLE_COLUMNS] if fmt == "table" and not frame.empty else frame


def sequence_rows(found: Sequence[Any]) -> pd.DataFrame:
    return pd.DataFrame([{
        "first": s.first.power, "first_date": s.first.date,
        "first_place": ", ".join(s.first.places), "second": s.second.power,
        "second_date": s.second.date, "second_place": ", ".join(s.second.places),
        "gap_days": s.gap_days, "event_ids": " ".join((*s.first.event_ids,
                                                      *s.second.event_ids)),
    } for s in found])  # fmt: skip
