"""The analyst's dyad series and a server's remembered answers, piece by piece.

    .venv/bin/python bench/bench_dyad.py [--events 1000000] [--db PATH] [--repeat 20]

On a store of generated events (as ``bench_queries.py`` makes it; reused from --db),
prints the process CPU (median of --repeat; the shared machine's load inflates wall
time, hardly CPU) of:

- the freshness check of the pair table (``pairs_current``: a count of four tables)
  against its remembered answer (``Store.pairs_fresh`` on a kept connection), and a
  dyad series with each;
- ``add_weights`` on the busiest dyad's rows and on every row of one busy country;
- after the kept connection closed for idleness: the count of an events filter taken
  back (the file unchanged) against counting again, and the check of the file's state
  that decides it.
"""

from __future__ import annotations

import functools
import os
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import equipoise.store._shared as shared
from bench_queries import store_from_args
from equipoise.analyse._pairs import ANNOUNCED, COUNTED, add_weights, load_pairs
from equipoise.analyse.dyads import dyad_series
from equipoise.analyse.weights import load_weights
from equipoise.store import EventFilter, Store
from equipoise.store._shared import file_state
from equipoise.store.pairs import pairs_current


def cpu_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times) * 1000


def busiest_dyad(store: Store) -> tuple[str, str]:
    with store.reading() as con:
        row = con.execute("SELECT pair_key FROM event_pairs GROUP BY pair_key "
                          "ORDER BY count(*) DESC, pair_key LIMIT 1").fetchone()
    assert row is not None
    a, b = str(row[0]).split("|")
    return a, b


def freshness(store: Store, a: str, b: str, repeat: int) -> None:
    weights = load_weights()
    with store.reading() as con:
        store.pairs_fresh(con)  # remembered from here on
        check = cpu_ms(lambda: pairs_current(con), repeat)
        kept = cpu_ms(lambda: store.pairs_fresh(con), repeat)
        each = cpu_ms(lambda: dyad_series(con, a, b, weights=weights), repeat)
        once = cpu_ms(lambda: dyad_series(con, a, b, weights=weights,
                                          fresh=store.pairs_fresh(con)), repeat)
    print(f"freshness check {check:.2f} ms, remembered {kept:.3f} ms")
    print(f"dyad series {a}-{b}: {each:.1f} ms checking each call, {once:.1f} ms remembered")


def weighting(store: Store, a: str, b: str, repeat: int) -> None:
    weights = load_weights()
    with store.reading() as con:
        dyad = load_pairs(con, statuses=COUNTED + ANNOUNCED, codes=[a, b])
        country = load_pairs(con, statuses=COUNTED + ANNOUNCED, involving=a)
    for label, rows in ((f"{a}-{b}", dyad), (a, country)):
        spent = cpu_ms(functools.partial(add_weights, rows, weights), repeat)
        print(f"add_weights {label}: {len(rows):,} rows, {spent:.1f} ms")


def idle_close(path: Path, repeat: int) -> None:
    shared.IDLE_SECONDS = 0.2
    store = Store(path, keep_open=True, threads=1)
    flt = EventFilter(event_type="CONSULT", status="occurred")
    counted, taken_back = [], []
    for n in range(max(3, repeat // 4)):
        store.count_events(flt)
        _close_idle(store)
        t0 = time.process_time()  # a filter not counted before: opened and counted
        store.count_events(EventFilter(event_type="CONSULT", status="occurred",
                                       min_confidence=n / 1000))
        counted.append(time.process_time() - t0)
        _close_idle(store)
        t0 = time.process_time()  # counted before the close: opened, answer taken back
        store.count_events(flt)
        taken_back.append(time.process_time() - t0)
    state = cpu_ms(lambda: file_state(path), repeat)
    store.close()
    print(f"after an idle close: a count {statistics.median(counted) * 1000:.2f} ms counted, "
          f"{statistics.median(taken_back) * 1000:.2f} ms taken back (opening included); "
          f"the file-state check {state:.3f} ms")


def _close_idle(store: Store) -> None:
    """Until the kept connection has closed for idleness (its watching thread ends)."""
    for thread in threading.enumerate():
        if thread.name == f"equipoise-kept-{store.path.name}":
            thread.join(30)


def main() -> None:
    path, repeat = store_from_args(__doc__, events=1_000_000, repeat=20)
    print(f"load {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    store = Store(path, keep_open=True, threads=1)
    a, b = busiest_dyad(store)
    freshness(store, a, b, repeat)
    weighting(store, a, b, repeat)
    store.close()
    idle_close(path, repeat)


if __name__ == "__main__":
    main()
