"""``dyad``, ``balance``, ``sequences`` and ``profile``: thin commands over equipoise.analyse."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from equipoise.cli._context import settings_of
from equipoise.models import PERIODS

if TYPE_CHECKING:
    import duckdb

    from equipoise.analyse.weights import Weights

FORMATS = ("table", "csv", "json")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Common:
    """The options every analysis command shares: store, period bounds, output, weights."""

    db: str | None
    since: date | None
    until: date | None
    fmt: str
    output: str | None
    weights_file: str | None

    def weights(self) -> Weights:
        from equipoise.analyse.weights import load_weights

        return load_weights(self.weights_file)

    @contextmanager
    def reader(self, ctx: click.Context) -> Iterator[duckdb.DuckDBPyConnection]:
        """One read-only snapshot of the store for the command's queries."""
        from equipoise.store import Store

        with Store(self.db or settings_of(ctx).db).reading() as con:
            yield con


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _common(command: F) -> F:
    """Add the shared options; the command receives them as one ``common: Common``."""

    @functools.wraps(command)
    def packed(*args: Any, db: str | None, since: datetime | None, until: datetime | None,
               fmt: str, output: str | None, weights_file: str | None, **kwargs: Any) -> Any:
        if since and until and since > until:  # else an empty table that looks like an answer
            raise click.UsageError(f"--since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}")
        common = Common(db, _day(since), _day(until), fmt, output, weights_file)
        return command(*args, common=common, **kwargs)

    wrapped: Any = packed
    for option in reversed([
        click.option("--db", type=click.Path(dir_okay=False), default=None,
                     help="DuckDB store (default: the `db` setting, ./equipoise.duckdb)."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
                     help="First day (YYYY-MM-DD)."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
                     help="Last day (YYYY-MM-DD)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                     show_default=True),
        click.option("--output", type=click.Path(dir_okay=False), help="Write here, not stdout."),
        click.option("--weights", "weights_file", type=click.Path(dir_okay=False),
                     help="A weights TOML replacing the shipped one."),
    ]):  # fmt: skip
        wrapped = option(wrapped)
    return cast(F, wrapped)


def _resolve(ctx: click.Context, *texts: str) -> list[str]:
    """Codes or names as typed -> checked codes (an unknown one fails with suggestions)."""
    from equipoise.analyse.codes import code_book

    return code_book(settings_of(ctx).actor_files).resolve_all(texts)


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--include-future", is_flag=True, help="Count announced (future) events too.")
@click.option("--plot", type=click.Path(dir_okay=False),
              help="Chart file (.png or .svg), said on stderr; replaces only a chart of ours.")
@_common
@click.pass_context
def dyad_cmd(
    ctx: click.Context,
    a: str,
    b: str,
    by: str,
    include_future: bool,
    plot: str | None,
    common: Common,
) -> None:
    """Events between A and B per period, by direction, quad and PLOVER type.

    A and B are codes (KOR, EU) or names the actor dictionary knows ("South Korea").
    """
    from equipoise.analyse.dyads import dyad_series
    from equipoise.analyse.plots import plot_dyad
    from equipoise.cli._frames import emit, frame_text, write_chart

    a, b = _resolve(ctx, a, b)
    with common.reader(ctx) as con:
        frame = dyad_series(
            con,
            a,
            b,
            by=by,
            since=common.since,
            until=common.until,
            include_future=include_future,
            weights=common.weights(),
        )
    if plot:
        write_chart(lambda path: plot_dyad(frame, path), Path(plot))
    # the table keeps what fits 80 columns; csv and json carry every column
    shown = frame if common.fmt != "table" else frame.loc[:, "period":"quad4"].drop(
        columns=["start", "end"], errors="ignore")
    emit(frame_text(shown, common.fmt, f"{a} and {b} by {by}"), common.output)


@click.command("balance")
@click.argument("focal", nargs=-1, required=True)
@click.option("--between", nargs=2, required=True, help="The two powers, e.g. CHN JPN.")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True)
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
@click.option("--plot", type=click.Path(dir_okay=False),
              help="Chart file (.png or .svg), said on stderr; replaces only a chart of "
                   "ours. With several FOCAL countries one file each, named FILE-CODE.png.")
@_common
@click.pass_context
def balance_cmd(
    ctx: click.Context,
    focal: tuple[str, ...],
    between: tuple[str, str],
    by: str,
    window: int,
    min_stories: int | None,
    include_future: bool,
    plot: str | None,
    common: Common,
) -> None:
    """Balance index of each FOCAL country between two powers (+1: all toward the first).

    Codes or names the actor dictionary knows ("South Korea", "Japan"). Several focal
    countries (KOR PHL, or KOR,PHL) give one block of rows each, with a `focal` column,
    as the dashboard's balance view shows them.
    """
    from equipoise.analyse.balance import BalanceOptions
    from equipoise.cli._balance import run_balance

    *focals, p1, p2 = _resolve(ctx, *_split_codes(focal), *between)
    options = BalanceOptions(by=by, window=window, min_stories=min_stories,
                             include_future=include_future)
    from equipoise.cli._frames import emit

    emit(run_balance(common, ctx, focals, (p1, p2), options, plot), common.output)


def _split_codes(values: tuple[str, ...]) -> list[str]:
    """``KOR PHL`` and ``KOR,PHL`` alike, each once, in the order given."""
    parts = [part.strip() for value in values for part in value.split(",")]
    return list(dict.fromkeys(part for part in parts if part))


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
    common: Common,
) -> None:
    """FOCAL's leader meetings with two different powers within N days."""
    from equipoise.analyse.sequences import sequences
    from equipoise.cli._frames import emit, frame_text, sequence_rows, table_view

    focal, *partners = _resolve(ctx, focal, *powers)
    powers = tuple(partners)
    with common.reader(ctx) as con:
        found = sequences(
            con,
            focal,
            powers=list(powers) or None,
            within_days=within,
            since=common.since,
            until=common.until,
            weights=common.weights(),
        )
    if common.fmt == "json":
        text = json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False) + "\n"
        emit(text, common.output)
        return
    title = f"Summit sequences of {focal}"
    rows = sequence_rows(found)
    if common.fmt == "table":
        rows = table_view(rows, ["event_ids"])
    emit(frame_text(rows, common.fmt, title), common.output)


@click.command("profile")
@click.argument("a")
@click.argument("b")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the weightiest events to list.")
@_common
@click.pass_context
def profile_cmd(
    ctx: click.Context,
    a: str,
    b: str,
    top: int,
    common: Common,
) -> None:
    """PLOVER contexts and the weightiest events between A and B."""
    from equipoise.analyse.profiles import profile
    from equipoise.cli._frames import emit, frame_text, records, top_events_text

    a, b = _resolve(ctx, a, b)
    with common.reader(ctx) as con:
        found = profile(
            con, a, b, since=common.since, until=common.until, top=top, weights=common.weights()
        )
    if common.fmt == "json":
        body = {
            "a": a,
            "b": b,
            "events": found.events,
            "contexts": records(found.contexts),
            "top": records(found.top),
        }
        emit(json.dumps(body, indent=2, ensure_ascii=False) + "\n", common.output)
        return
    emit(
        frame_text(found.contexts, common.fmt, f"Contexts of {a}-{b} ({found.events} events)")
        + (top_events_text(found.top, "Top events by weight") if common.fmt == "table"
           else frame_text(found.top, common.fmt, "Top events by weight")),
        common.output,
    )


commands: list[click.Command] = [dyad_cmd, balance_cmd, sequences_cmd, profile_cmd]
