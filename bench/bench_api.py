"""(e) API latency and throughput: ``GET /api/events`` on a store of generated events.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--db PATH] [--requests 300]
                                        [--clients 8] [--seconds 10] [--access-log]
                                        [--health 0]

The store is generated as in ``bench_queries.py`` (reused when ``--db`` already holds
``--events``). ``equipoise serve`` runs in its own process on loopback; the load
generator is bounded: first ``--requests`` requests one after another, then
``--clients`` threads (one keep-alive ``httpx.Client`` each) sending requests back to
back for ``--seconds``. Requests cycle through first pages of filtered queries (actor
and recipient, type, actor and date range) as the dashboard sends them. The server runs
as ``serve`` does by default, without an access log; ``--access-log`` turns it on (its
lines go to /dev/null, so what is measured is uvicorn's formatting and logging, not a
terminal's). ``--health N`` first sends N requests to ``/api/health``, whose own work
is small, so that a fixed cost per request (such as the access log) shows in its CPU.
Targets (issue 15): sequential p50 <= 5 ms and p99 <= 30 ms; under 8 clients
>= 300 requests/s with p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench_queries import ready_store

QUERIES = (
    {"actor": "KOR", "recipient": "JPN"},
    {"type": "CONSULT"},
    {"actor": "CHN", "since": "2020-01-01", "until": "2020-12-31"},
    {"recipient": "USA", "status": "occurred"},
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, *, access_log: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    exe = Path(sys.executable).parent / "equipoise"
    flags = ["--access-log"] if access_log else []
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), *flags],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User and system CPU of process ``pid`` so far (Linux ``/proc``): the server's cost
    per request, which the shared machine's load does not inflate as it does wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one(client: httpx.Client, i: int) -> float:
    t0 = time.perf_counter()
    answer = client.get("/api/events", params=QUERIES[i % len(QUERIES)])
    elapsed = time.perf_counter() - t0
    if answer.status_code != 200:
        raise SystemExit(f"HTTP {answer.status_code}: {answer.text[:200]}")
    return elapsed


def health(url: str, pid: int, n: int) -> None:
    """Server CPU per request of the cheapest route, one request after another."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(50):
            client.get("/api/health")
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        for _ in range(n):
            client.get("/api/health")
        cpu1, wall = cpu_seconds(pid), time.perf_counter() - t0
    print(f"health: {n} requests, server CPU {(cpu1 - cpu0) / n * 1e6:.0f} us per request, "
          f"mean {wall / n * 1000:.2f} ms")


def access_line_us(n: int = 20000) -> float:
    """CPU per line of uvicorn's access log, formatted as ``serve`` does, to /dev/null."""
    import copy
    import logging.config

    from uvicorn.config import LOGGING_CONFIG

    logging.config.dictConfig(copy.deepcopy(LOGGING_CONFIG))
    log = logging.getLogger("uvicorn.access")
    with open(os.devnull, "w") as sink:
        for handler in log.handlers:
            handler.setStream(sink)  # type: ignore[attr-defined]
        t0 = time.process_time()
        for _ in range(n):
            log.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:50412", "GET",
                     "/api/events?actor=KOR&recipient=JPN", "1.1", 200)
        return (time.process_time() - t0) / n * 1e6


def sequential(url: str, n: int) -> list[float]:
    with httpx.Client(base_url=url, timeout=30) as client:
        for i in range(20):  # warm up: the first requests pay imports and the first open
            one(client, i)
        return [one(client, i) for i in range(n)]


def concurrent(url: str, clients: int, seconds: float) -> tuple[list[float], float]:
    times: list[list[float]] = [[] for _ in range(clients)]
    stop = time.monotonic() + seconds

    def run(k: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            i = k
            while time.monotonic() < stop:
                times[k].append(one(client, i))
                i += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for ts in times for x in ts], time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--health", type=int, default=0,
                        help="requests to /api/health first (a fixed cost per request)")
    parser.add_argument("--access-log", action="store_true",
                        help="run the server with its access log on")
    args = parser.parse_args()
    path = Path(args.db or Path(tempfile.mkdtemp(prefix="eq-api-")) / "api.duckdb")
    ready_store(path, args.events)
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores)")
    print(f"access log: {'on' if args.access_log else 'off'}")
    if args.access_log:
        print(f"  one access-log line: {access_line_us():.1f} us of CPU (to /dev/null)")
    proc, url = start_server(path, access_log=args.access_log)
    try:
        if args.health:
            health(url, proc.pid, args.health)
        cpu0 = cpu_seconds(proc.pid)
        seq = sequential(url, args.requests)
        cpu1 = cpu_seconds(proc.pid)
        p50, p99 = percentile(seq, 0.5) * 1000, percentile(seq, 0.99) * 1000
        print(f"sequential: {len(seq)} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
              f"mean {statistics.mean(seq) * 1000:.1f} ms (target p50 <= 5, p99 <= 30)")
        for k, query in enumerate(QUERIES):
            mine = seq[k::len(QUERIES)]
            print(f"  {query}: p50 {percentile(mine, 0.5) * 1000:.1f} ms")
        print(f"  server CPU {(cpu1 - cpu0) / len(seq) * 1000:.1f} ms per request")
        many, wall = concurrent(url, args.clients, args.seconds)
        cpu2 = cpu_seconds(proc.pid)
        print(f"{args.clients} clients: {len(many)} requests in {wall:.1f} s, "
              f"{len(many) / wall:.0f} requests/s, p50 {percentile(many, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(many, 0.99) * 1000:.1f} ms (target >= 300/s, p99 <= 100)")
        print(f"  server CPU {(cpu2 - cpu1) / len(many) * 1000:.1f} ms per request, "
              f"{(cpu2 - cpu1) / wall:.2f} cores busy, "
              f"{len(os.listdir(f'/proc/{proc.pid}/task'))} server threads")
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
