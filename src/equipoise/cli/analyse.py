"""``dyad``, ``balance``, ``sequences`` and ``profile``: thin commands over equipoise.analyse."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
import duckdb
import pandas as pd
from rich.console import Console
from rich.table import Table

from equipoise.analyse.balance import balance
from equipoise.analyse.codes import code_book
from equipoise.analyse.dyads import dyad_series
from equipoise.analyse.periods import BY_CHOICES
from equipoise.analyse.plots import plot_balance, plot_dyad
from equipoise.analyse.profiles import profile
from equipoise.analyse.sequences import sequences
from equipoise.analyse.weights import Weights, load_weights
from equipoise.cli import settings_of
from equipoise.store.db import Store

FORMATS = ("table", "csv", "json")
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def _reader(ctx: click.Context, db: str | None) -> Iterator[duckdb.DuckDBPyConnection]:
    with Store(db or settings_of(ctx).db).connect(read_only=True) as con:
        yield con


def _resolve(ctx: click.Context, *texts: str) -> list[str]:
    """Codes or names as typed -> checked codes (an unknown one fails with suggestions)."""
    return code_book(settings_of(ctx).actor_files).resolve_all(texts)


def _weights(path: str | None) -> Weights:
    return load_weights(path)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _common(command: F) -> F:
    """Options every analysis command shares: store, period bounds, output, weights."""
    for option in reversed([
        click.option("--db", default=None, help="DuckDB store (default: settings `db`)."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD)."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                     show_default=True),
        click.option("--output", type=click.Path(dir_okay=False), help="Write here, not stdout."),
        click.option("--weights", "weights_file", type=click.Path(dir_okay=False),
                     help="A weights TOML replacing the shipped one."),
    ]):  # fmt: skip
        command = option(command)
    return command


def _plain(value: Any) -> Any:
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
    value = _plain(value)
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _frame_text(frame: pd.DataFrame, fmt: str, title: str) -> str:
    if fmt == "csv":
        return str(frame.to_csv(index=False))
    if fmt == "json":
        return json.dumps(_records(frame), indent=2, ensure_ascii=False) + "\n"
    return _table(title, list(frame.columns), list(frame.itertuples(index=False, name=None)))


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(BY_CHOICES), default="month", show_default=True)
@click.option("--include-future", is_flag=True, help="Count announced (future) events too.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Chart file (.png or .svg).")
@_common
@click.pass_context
def dyad_cmd(
    ctx: click.Context,
    a: str,
    b: str,
    by: str,
    include_future: bool,
    plot: str | None,
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    fmt: str,
    output: str | None,
    weights_file: str | None,
) -> None:
    """Events between A and B per period, by direction, quad and PLOVER type.

    A and B are codes (KOR, EU) or names the actor dictionary knows ("South Korea").
    """
    a, b = _resolve(ctx, a, b)
    with _reader(ctx, db) as con:
        frame = dyad_series(
            con,
            a,
            b,
            by=by,
            since=_day(since),
            until=_day(until),
            include_future=include_future,
            weights=_weights(weights_file),
        )
    if plot:
        plot_dyad(frame, plot)
    shown = frame if fmt != "table" else frame.loc[:, :"quad4"]
    _emit(_frame_text(shown, fmt, f"{a} and {b} by {by}"), output)


@click.command("balance")
@click.argument("focal")
@click.option("--between", nargs=2, required=True, help="The two powers, e.g. CHN JPN.")
@click.option("--by", type=click.Choice(BY_CHOICES), default="month", show_default=True)
@click.option(
    "--window",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Pool each period with the N-1 before it.",
)
@click.option("--min-stories", type=click.IntRange(min=1), default=None,
              help="Fewest independent stories for a verdict (default: weights file, 3).")
@click.option("--include-future", is_flag=True, help="Count announced (future) events too.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Chart file (.png or .svg).")
@_common
@click.pass_context
def balance_cmd(
    ctx: click.Context,
    focal: str,
    between: tuple[str, str],
    by: str,
    window: int,
    min_stories: int | None,
    include_future: bool,
    plot: str | None,
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    fmt: str,
    output: str | None,
    weights_file: str | None,
) -> None:
    """Balance index of FOCAL between two powers (+1: all toward the first).

    Codes or names the actor dictionary knows ("South Korea", "Japan").
    """
    focal, p1, p2 = _resolve(ctx, focal, *between)
    between = (p1, p2)
    weights = _weights(weights_file)
    with _reader(ctx, db) as con:
        periods = balance(
            con,
            focal,
            between,
            by=by,
            window=window,
            since=_day(since),
            until=_day(until),
            min_stories=min_stories,
            include_future=include_future,
            weights=weights,
        )
        summits = (
            sequences(
                con,
                focal,
                powers=list(between),
                since=_day(since),
                until=_day(until),
                weights=weights,
            )
            if plot
            else []
        )
    if plot:
        plot_balance(periods, plot, focal=focal, between=between, by=by, summits=summits)
    frame = _balance_frame(periods, fmt)
    _emit(_frame_text(frame, fmt, f"{focal} between {between[0]} (+) and {between[1]} (-)"), output)


TABLE_COLUMNS = ["period", "index", "low", "high", "events", "verdict", "conflict_index",
                 "announced_p1", "announced_p2"]


def _balance_frame(periods: Sequence[Any], fmt: str) -> pd.DataFrame:
    """All fields for csv/json; the columns that fit a terminal for the table."""
    frame = pd.DataFrame([p.to_dict() for p in periods])
    return frame[TABLE_COLUMNS] if fmt == "table" and not frame.empty else frame


def _sequence_rows(found: Sequence[Any]) -> pd.DataFrame:
    return pd.DataFrame([{
        "first": s.first.power, "first_date": s.first.date,
        "first_place": ", ".join(s.first.places), "second": s.second.power,
        "second_date": s.second.date, "second_place": ", ".join(s.second.places),
        "gap_days": s.gap_days, "event_ids": " ".join((*s.first.event_ids,
                                                      *s.second.event_ids)),
    } for s in found])  # fmt: skip


@click.command("sequences")
@click.argument("focal")
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Most days between the two meetings.",
)
@click.option("--powers", multiple=True, help="Only these partners (repeat the option).")
@_common
@click.pass_context
def sequences_cmd(
    ctx: click.Context,
    focal: str,
    within: int,
    powers: tuple[str, ...],
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    fmt: str,
    output: str | None,
    weights_file: str | None,
) -> None:
    """FOCAL's leader meetings with two different powers within N days."""
    focal, *partners = _resolve(ctx, focal, *powers)
    powers = tuple(partners)
    with _reader(ctx, db) as con:
        found = sequences(
            con,
            focal,
            powers=list(powers) or None,
            within_days=within,
            since=_day(since),
            until=_day(until),
            weights=_weights(weights_file),
        )
    if fmt == "json":
        _emit(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False) + "\n", output)
        return
    _emit(_frame_text(_sequence_rows(found), fmt, f"Summit sequences of {focal}"), output)


@click.command("profile")
@click.argument("a")
@click.argument("b")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True)
@_common
@click.pass_context
def profile_cmd(
    ctx: click.Context,
    a: str,
    b: str,
    top: int,
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    fmt: str,
    output: str | None,
    weights_file: str | None,
) -> None:
    """PLOVER contexts and the weightiest events between A and B."""
    a, b = _resolve(ctx, a, b)
    with _reader(ctx, db) as con:
        found = profile(
            con, a, b, since=_day(since), until=_day(until), top=top, weights=_weights(weights_file)
        )
    if fmt == "json":
        body = {
            "a": a,
            "b": b,
            "events": found.events,
            "contexts": _records(found.contexts),
            "top": _records(found.top),
        }
        _emit(json.dumps(body, indent=2, ensure_ascii=False) + "\n", output)
        return
    _emit(
        _frame_text(found.contexts, fmt, f"Contexts of {a}-{b} ({found.events} events)")
        + _frame_text(found.top, fmt, "Top events by weight"),
        output,
    )


commands: list[click.Command] = [dyad_cmd, balance_cmd, sequences_cmd, profile_cmd]
