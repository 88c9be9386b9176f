"""Dyadic rows read from the store: one row per (event, pair of participant codes).

An event with recipients yields actor -> recipient pairs; an event with no recipient and
several actors (a bilateral meeting, a joint pledge) yields one ``joint`` row per pair of
actors, stored with ``src < dst``. Rows carry the titles of each side so that ranks and
weights can be derived without another query.

Analyses count real-world events, not reports of them: ``event_id`` is the event's
cluster (named by its first event, see ``equipoise.store.merge``) and ``date`` the
cluster's date, so several articles on one meeting count once, while ``article_id``
still names the article each row came from. ``mention_id`` is the event's own id.
An event not yet clustered stands for itself.
"""

from __future__ import annotations

import functools

import pandas as pd

from equipoise.analyse.weights import Weights
from equipoise.store import pair_rows

COUNTED: tuple[str, ...] = ("occurred",)
ANNOUNCED: tuple[str, ...] = ("future",)


# Pair rows touching ``involving`` with both ends in ``codes``: the store's one pair
# definition, under the name the analyses read it by.
load_pairs = pair_rows


def titles_of(value: object) -> list[str]:
    """One side's titles from a pair row: duckdb gives a list, a numpy array, None or
    pandas NA for an empty list."""
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    return [str(t) for t in value if isinstance(t, str)]


def add_weights(frame: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Add ``rank`` (best of the pair), ``quad`` (filled from the type) and ``weight``.

    A loop over the rows with each combination computed once: vectorised in pandas
    (explode the titles, group the combinations) it was 2.7 times slower on a busy
    dyad's 1,400 rows and only 1.7 times faster on 50,000 (bench/bench_dyad.py)."""
    out = frame.copy()
    # Rows repeat a few combinations of titles, types and modes: compute each once.
    ranks: dict[tuple[tuple[str, ...], ...], str] = {}
    rank_col = []
    for s, d in zip(out["src_titles"].tolist(), out["dst_titles"].tolist(), strict=True):
        key = (tuple(titles_of(s)), tuple(titles_of(d)))
        if key not in ranks:
            ranks[key] = weights.rank_table.best_rank([*key[0], *key[1]])
        rank_col.append(ranks[key])
    types = out["event_type"].tolist()
    quads = [None if pd.isna(q) else int(q) for q in out["quad"].tolist()]
    modes = [m if isinstance(m, str) else None for m in out["mode"].tolist()]
    quad_of = functools.cache(weights.quad_of)
    weight_of = functools.cache(weights.event_weight)
    out["rank"] = rank_col
    out["quad"] = [quad_of(t, q) for t, q in zip(types, quads, strict=True)]
    out["weight"] = [weight_of(t, m, r) for t, m, r in zip(types, modes, rank_col, strict=True)]
    return out


def other_side(frame: pd.DataFrame, focal: str) -> pd.Series:
    """For rows involving ``focal``, the code at the other end."""
    return frame["dst"].where(frame["src"] == focal, frame["src"])
