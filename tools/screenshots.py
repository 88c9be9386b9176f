"""Screenshots of every dashboard view from a store, for docs/ (Playwright + Chromium).

    .venv/bin/python tools/screenshots.py --db demo.duckdb --out docs/screenshots

Serves the store on 127.0.0.1 with uvicorn in a thread, opens each view at 1366 px and
the main ones at 390 px (a phone), and writes one PNG per view. Look at them before
committing: a screenshot is only worth shipping if it shows what the docs say.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from equipoise.serve import create_app

WIDE = [
    ("overview", "#/overview"),
    ("events", "#/events?actor=KOR"),
    ("events-reports", "#/events?actor=KOR&rows=reports"),
    ("articles", "#/articles?q=Nara%20summit"),
    ("map", "#/map"),
    ("map-world", "#/map?world=1"),
    ("article", None),
    ("dyad", "#/dyad?a=KOR&b=JPN"),
    ("balance", "#/balance?focal=KOR&between=CHN,JPN&hide=1"),
    ("balance-several", "#/balance?focal=KOR,JPN&between=CHN,USA&hide=1"),
    ("network", "#/network?actor=KOR"),
]
PHONE = [("phone-events", "#/events"), ("phone-map", "#/map"),
         ("phone-balance", "#/balance?focal=KOR&between=CHN,JPN")]


def _serve(db: Path) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db=db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    page.mouse.move(0, 0)  # no hover highlight or tooltip left from the last view
    page.wait_for_timeout(200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("demo.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base, server = _serve(args.db)
    chromium = shutil.which("chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        wide = browser.new_page(viewport={"width": 1366, "height": 900})
        for name, hash_ in WIDE:
            if hash_ is None:  # the article of the first event in the list
                _visit(wide, f"{base}/#/events?actor=KOR&type=CONSULT&rows=reports")
                wide.locator("#events-table tbody tr").first.click()
                wide.wait_for_selector("mark#evidence")
                wide.mouse.move(0, 0)
            else:
                _visit(wide, f"{base}/{hash_}")
            wide.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
        wide.goto(f"{base}/docs")
        wide.wait_for_selector(".opblock")
        wide.screenshot(path=str(args.out / "docs.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        for name, hash_ in PHONE:
            _visit(phone, f"{base}/{hash_}")
            phone.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
        browser.close()
    server.should_exit = True
    print(f"{len(WIDE) + len(PHONE) + 1} screenshots in {args.out}")


if __name__ == "__main__":
    main()
