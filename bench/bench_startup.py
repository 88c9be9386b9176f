"""Start-up time of the command line: ``equipoise --help`` and ``COMMAND --help``.

    .venv/bin/python bench/bench_startup.py [--repeat 5]

Prints the median and the worst wall time of each, in a fresh process every time
(the target is under 0.5 s; the bare interpreter is printed for reference).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = ["", "ingest", "extract", "events", "export", "article", "report", "dyad", "balance",
            "sequences", "profile", "serve", "evaluate", "load", "merge"]


def _run(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    exe = shutil.which("equipoise", path=str(Path(sys.executable).parent)) or "equipoise"
    bare = [_run([sys.executable, "-c", "pass"]) for _ in range(args.repeat)]
    print(f"{'python -c pass':24s} median {statistics.median(bare):.3f} s  max {max(bare):.3f} s")
    for name in COMMANDS:
        argv = [exe, *([name] if name else []), "--help"]
        times = [_run(argv) for _ in range(args.repeat)]
        label = f"equipoise {name} --help".replace("  ", " ")
        print(f"{label:24s} median {statistics.median(times):.3f} s  max {max(times):.3f} s")


if __name__ == "__main__":
    main()
