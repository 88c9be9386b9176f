"""A resumed ingest tells what it resumed (already stored) apart from true duplicates.

The first run is a real ``equipoise ingest`` process interrupted with Ctrl-C (SIGINT)
while it waits for a page that the test's server holds back: by then some batches are
stored and the rest are not, whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb

from tests.webserver import Page, Site, article_html

SAMPLE = Path(__file__).parents[2] / "src" / "equipoise" / "data" / "sample"
EQUIPOISE = Path(sys.executable).with_name("equipoise")
ARTICLES = 6
SUMMARY = re.compile(r"read (\d+), new (\d+), already stored (\d+), duplicates skipped (\d+), "
                     r"skipped (\d+), failed (\d+);")


def _corpus(folder: Path) -> Path:
    """Six sample articles and one exact copy of the first under another id."""
    folder.mkdir()
    for name in sorted(p.name for p in SAMPLE.glob("*.json"))[:ARTICLES]:
        shutil.copy(SAMPLE / name, folder / name)
    first = json.loads((folder / sorted(p.name for p in folder.iterdir())[0]).read_text("utf-8"))
    first["id"] = "a-copy-under-another-id"
    (folder / "zz-copy.json").write_text(json.dumps(first), "utf-8")
    return folder


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EQUIPOISE_")}
    env.update(EQUIPOISE_BATCH_SIZE="1", EQUIPOISE_FETCH_HOST_DELAY="0",
               EQUIPOISE_FETCH_RETRIES="0")
    return env


def _held_page(site: Site, asked: threading.Event, release: threading.Event) -> str:
    page = Page(article_html("Talks in Oslo", [
        "Norway's foreign minister met his Swedish counterpart in Oslo on Monday to "
        "discuss Arctic security."]))

    def answer(_headers: dict[str, str]) -> Page:
        asked.set()
        release.wait(600)
        return page

    site.routes["/held.html"] = answer
    return site.url("/held.html")


def _stored(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(con.execute("SELECT id, status FROM articles").fetchall())


def _counts(output: str) -> tuple[int, ...]:
    found = SUMMARY.search(output)
    assert found is not None, output
    return tuple(int(n) for n in found.groups())


def test_a_resumed_run_reports_what_it_resumed_apart_from_duplicates(
    site: Site, tmp_path: Path
) -> None:
    corpus, db = _corpus(tmp_path / "corpus"), tmp_path / "news.duckdb"
    asked, release = threading.Event(), threading.Event()
    url = _held_page(site, asked, release)
    args = [str(EQUIPOISE), "ingest", str(corpus), url, "--db", str(db), "--quiet"]
    first = subprocess.Popen(args, env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert asked.wait(300), "the run never reached the held page"
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=120)
    finally:
        release.set()
        if first.poll() is None:
            first.kill()
            first.wait(30)
    assert first.returncode == 130, err
    assert "run the same command again" in err
    stored = _stored(db)
    coded = sum(status == "coded" for _, status in stored)
    assert 0 < coded <= ARTICLES  # interrupted mid-way: some stored, the page not

    again = subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=300,
                           check=False)
    assert again.returncode == 0, again.stderr
    read, new, already, duplicates, skipped, failed = _counts(again.stdout)
    assert read == ARTICLES + 2  # the six, the copy and the page
    assert already == coded  # what the first run stored, not counted as duplicates
    assert duplicates == 1  # the copy under another id, in either run
    assert new == ARTICLES + 1 - coded  # the rest of the six and the page
    assert (skipped, failed) == (0, 0)
    assert len(_stored(db)) == ARTICLES + 2
