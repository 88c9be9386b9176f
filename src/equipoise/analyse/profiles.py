"""Profile of a dyad: which PLOVER contexts its events fall in, and its weightiest events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from equipoise.analyse._pairs import COUNTED, add_weights, load_pairs
from equipoise.analyse.dyads import directions
from equipoise.analyse.weights import Weights, load_weights

CONTEXT_COLUMNS: tuple[str, ...] = ("context", "events", "cooperative", "conflictual")
TOP_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "date", "direction", "event_type", "mode", "quad", "rank",
    "weight", "place", "evidence",
)  # fmt: skip
NO_CONTEXT = "(none)"


@dataclass(frozen=True, slots=True)
class Profile:
    """Context counts (one row per context) and the top events by weight."""

    a: str
    b: str
    events: int
    contexts: pd.DataFrame
    top: pd.DataFrame


def _context_list(value: object) -> list[str]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return [NO_CONTEXT]
    found = [str(c) for c in value if isinstance(c, str) and c]
    return found or [NO_CONTEXT]


def context_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Distinct events per context, split into cooperative (quads 1-2) and conflictual."""
    events = rows.drop_duplicates("event_id").copy()
    events["context"] = [_context_list(c) for c in events["contexts"]]
    long = events.explode("context")
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CONTEXT_COLUMNS})
    grouped = long.groupby("context")
    out = pd.DataFrame({
        "events": grouped["event_id"].nunique(),
        "cooperative": grouped["quad"].apply(lambda q: int(q.isin((1, 2)).sum())),
        "conflictual": grouped["quad"].apply(lambda q: int(q.isin((3, 4)).sum())),
    }).reset_index()  # fmt: skip
    return out.sort_values(["events", "context"], ascending=[False, True], kind="stable")[
        list(CONTEXT_COLUMNS)
    ].reset_index(drop=True)


def _direction_labels(rows: pd.DataFrame, a: str, b: str) -> list[str]:
    ab, ba, joint, _ = directions(a, b)
    return [
        joint if j else (ab if s == a else ba)
        for s, j in zip(rows["src"], rows["joint"], strict=True)
    ]


def top_events(rows: pd.DataFrame, a: str, b: str, top: int) -> pd.DataFrame:
    """The ``top`` heaviest events, ties broken by date then id for a stable order."""
    ranked = rows.drop_duplicates("event_id").copy()
    ranked["direction"] = _direction_labels(ranked, a, b)
    ranked["evidence"] = ranked["evidence_text"]
    ranked = ranked.sort_values(
        ["weight", "date", "event_id"],
        ascending=[False, True, True],
        kind="stable",
        na_position="last",
    )
    return ranked.head(top)[list(TOP_COLUMNS)].reset_index(drop=True)


def profile(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = 10,
    weights: Weights | None = None,
) -> Profile:
    """Contexts and top events of the occurred events between ``a`` and ``b``."""
    rows = load_pairs(con, statuses=COUNTED, codes=[a, b], since=since, until=until)
    rows = add_weights(rows, weights or load_weights())
    return Profile(
        a=a,
        b=b,
        events=int(rows["event_id"].nunique()),
        contexts=context_counts(rows),
        top=top_events(rows, a, b, max(top, 0)),
    )
