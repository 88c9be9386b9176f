"""``equipoise balance`` for one or several focal countries: query, plot, one frame.

Several focal countries are several balance series over the same powers and periods, as
the dashboard's balance view draws them: each country's rows, a ``focal`` column telling
them apart. One focal country keeps the columns it always had.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from equipoise.analyse.balance import BalanceOptions, BalancePeriod
    from equipoise.analyse.sequences import Sequence
    from equipoise.cli.analyse import Common

Series = tuple[str, "list[BalancePeriod]", "list[Sequence]"]


def run_balance(common: Common, ctx: click.Context, focals: list[str],
                between: tuple[str, str], options: BalanceOptions, plot: str | None) -> str:
    """The text to print (table, csv or json) after writing the charts asked for."""
    from functools import partial

    from equipoise.analyse.plots import plot_balance
    from equipoise.cli._frames import write_chart

    found = _series(common, ctx, focals, between, options, with_summits=plot is not None)
    if plot:
        for focal, periods, summits in found:
            draw = partial(plot_balance, periods, focal=focal, between=between, by=options.by,
                           summits=summits)
            write_chart(draw, _plot_path(plot, focal, several=len(found) > 1))
    return _text(found, between, common.fmt)


def _series(common: Common, ctx: click.Context, focals: list[str], between: tuple[str, str],
            options: BalanceOptions, *, with_summits: bool) -> list[Series]:
    from equipoise.analyse.balance import balance
    from equipoise.analyse.sequences import sequences

    weights = common.weights()
    out: list[Series] = []
    with common.reader(ctx) as con:
        for focal in focals:
            periods = balance(con, focal, between, by=options.by, window=options.window,
                              since=common.since, until=common.until,
                              min_stories=options.min_stories,
                              include_future=options.include_future, weights=weights)
            summits = (sequences(con, focal, powers=list(between), since=common.since,
                                 until=common.until, weights=weights)
                       if with_summits else [])  # fmt: skip
            out.append((focal, periods, summits))
    return out


def _plot_path(plot: str, focal: str, *, several: bool) -> Path:
    """``balance.png`` for one focal country; ``balance-KOR.png``, ... for several."""
    path = Path(plot)
    return path.with_name(f"{path.stem}-{focal}{path.suffix}") if several else path


def _text(found: list[Series], between: tuple[str, str], fmt: str) -> str:
    import pandas as pd

    from equipoise.cli._frames import TABLE_COLUMNS, balance_frame, frame_text

    names = ", ".join(focal for focal, _, _ in found)
    title = f"{names} between {between[0]} (+) and {between[1]} (-)"
    if len(found) == 1:
        return frame_text(balance_frame(found[0][1], fmt), fmt, title)
    frames = []
    for focal, periods, _ in found:
        frame = balance_frame(periods, "json")
        frame.insert(0, "focal", focal)
        frames.append(frame)
    whole = pd.concat(frames, ignore_index=True)
    if fmt == "table" and not whole.empty:
        whole = whole[["focal", *TABLE_COLUMNS]]
    return frame_text(whole, fmt, title)
