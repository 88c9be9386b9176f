"""Analysis routes: dyad series, the balance index and summit sequences."""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Depends, Query

from equipoise.analyse import balance as run_balance
from equipoise.analyse import dyad_series
from equipoise.analyse import sequences as run_sequences
from equipoise.analyse.dyads import QUAD_COLUMNS
from equipoise.models import EVENT_TYPES
from equipoise.serve.codes import check_codes
from equipoise.serve.models import (
    BalanceOut,
    DyadRow,
    DyadSeries,
    SequenceList,
)
from equipoise.serve.params import (
    PAIR_PATTERN,
    ByQuery,
    CodePath,
    DayQuery,
    ServeState,
    date_range,
    pair,
    state_of,
)

router = APIRouter(prefix="/api")
State = Annotated[ServeState, Depends(state_of)]


def _dyad_row(row: dict[str, Any]) -> DyadRow:
    return DyadRow(
        period=row["period"], start=row["start"], end=row["end"], direction=row["direction"],
        events=int(row["events"]), articles=int(row["articles"]),
        net_cooperation=float(row["net_cooperation"]), announced=int(row["announced"]),
        quads=[int(row[q]) for q in QUAD_COLUMNS],
        types={t: int(row[t]) for t in EVENT_TYPES if int(row[t])},
    )  # fmt: skip


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


@router.get("/dyads/{a}/{b}", response_model=DyadSeries)
def dyad(
    state: State, a: CodePath, b: CodePath, by: ByQuery = "month",
    since: DayQuery = None, until: DayQuery = None, include_future: bool = False,
) -> DyadSeries:  # fmt: skip
    """Per period and direction (a->b, b->a, joint, combined): counts and net cooperation."""
    check_codes(state, a, b)
    first, last = date_range(since, until)
    with state.store.reading() as con:
        frame = dyad_series(con, a, b, by=by, since=first, until=last,
                            include_future=include_future, fresh=state.store.pairs_fresh(con))
    return DyadSeries(a=a, b=b, by=by, rows=[_dyad_row(r) for r in _records(frame)])


@router.get("/balance/{focal}", response_model=BalanceOut)
def balance(
    state: State,
    focal: CodePath,
    between: Annotated[str, Query(pattern=PAIR_PATTERN, description="Two codes: P1,P2")],
    by: ByQuery = "month",
    window: Annotated[int, Query(ge=1, le=24)] = 1,
    since: DayQuery = None,
    until: DayQuery = None,
    min_stories: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> BalanceOut:
    """The balance index per period: +1 all toward the first power, -1 the second."""
    powers = pair("between", between)
    check_codes(state, focal, *powers)
    first, last = date_range(since, until)
    with state.store.reading() as con:
        periods = run_balance(
            con,
            focal,
            powers,
            by=by,
            window=window,
            since=first,
            until=last,
            min_stories=min_stories,
        )
    return BalanceOut(
        focal=focal,
        between=list(powers),
        by=by,
        window=window,
        periods=periods,
    )


@router.get("/sequences/{focal}", response_model=SequenceList)
def sequences(
    state: State,
    focal: CodePath,
    within: Annotated[int, Query(ge=0, le=366)] = 30,
    powers: Annotated[str | None, Query(pattern=PAIR_PATTERN)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
) -> SequenceList:
    """Leader meetings of ``focal`` with one power, then another, within N days."""
    first, last = date_range(since, until)
    partners = pair("powers", powers) if powers else None
    check_codes(state, focal, *(partners or ()))
    with state.store.reading() as con:
        found = run_sequences(
            con, focal, powers=partners, within_days=within, since=first, until=last
        )
    return SequenceList(focal=focal, within=within,
                        items=found)
