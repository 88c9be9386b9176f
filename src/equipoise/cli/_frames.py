"""Tables, CSV and JSON of the analyses' frames for the command line (pandas, rich)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.table import Table


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and pd.isna(value):
        return None
    return value


# Table cells longer than this are cut at a word (csv and json keep the whole text).
MAX_CELL = 60
# Short headers so that the tables fit 80 columns.
HEADERS = {"direction": "dir", "articles": "art", "net_cooperation": "net",
           "announced": "ann", "quad1": "q1", "quad2": "q2", "quad3": "q3", "quad4": "q4",
           "first_date": "date", "first_place": "place", "second_date": "date",
           "second_place": "place", "gap_days": "days", "event_type": "type",
           "cooperative": "coop", "conflictual": "confl"}  # fmt: skip


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    from rich import box

    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for column in columns:
        table.add_column(HEADERS.get(column, column), overflow="fold")
    for row in rows:
        table.add_row(*[_cell(v, c) for v, c in zip(row, columns, strict=True)])
    from equipoise.cli._console import render

    return render(table, width=80, color=False)


# Shares and indices between -1 and 1 read in thousandths; counts and sums of weights in
# tenths. Deciding by column, not by value, keeps a column's figures alike (0.0 next to
# 4.0, never 0.000 next to 4.0).
FRACTIONS = frozenset({"index", "low", "high", "lean_p1", "conflict_index"})


def _cell(value: Any, column: str) -> str:
    from equipoise.cli._tables import shorten

    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if column in FRACTIONS else f"{value:.1f}"
    return shorten(str(value), MAX_CELL)


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


def write_chart(draw: Callable[[Path], Path], path: Path) -> None:
    """Draw a chart to ``path`` and say where on stderr (stdout may be the report), and
    whether an earlier chart of ours was replaced (any other file is refused by ``draw``)."""
    existed = path.exists()
    out = draw(path)
    verb = "replaced the earlier chart" if existed else "wrote chart"
    click.echo(f"{verb} {out.resolve()}", err=True)


# What fits 80 columns; csv and json carry every field.
TABLE_COLUMNS = ["period", "index", "low", "high", "stories", "articles", "verdict"]


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


def table_view(frame: pd.DataFrame, drop: Sequence[str]) -> pd.DataFrame:
    """The frame without the columns a terminal table has no room for."""
    return frame.drop(columns=list(drop), errors="ignore")


def top_events_text(frame: pd.DataFrame, title: str) -> str:
    """The weightiest events as a line of facts each, the evidence on its own lines.

    A table column for the evidence would be a dozen characters wide at 80 columns,
    one word a line; a sentence is read whole or not at all.
    """
    from equipoise.cli._tables import EVIDENCE_WIDTH, WIDTH, shorten, wrap

    out = [title, "date         dir        type       rank       weight  place", "-" * 78]
    for r in records(frame):
        out.append(f"{r['date'] or 'undated'!s:<12} {r['direction']:<10} {r['event_type']:<10} "
                   f"{r['rank']:<10} {r['weight']:>6.1f}  {shorten(r['place'] or '', 20)}")
        evidence = shorten(str(r["evidence"] or ""), EVIDENCE_WIDTH)
        out += wrap(f"[{r['article_id']}] {evidence}", "    ", WIDTH)
    return "\n".join(line.rstrip() for line in out) + "\n"
