"""One definition of a dyad count: the CLI, the report, the API and the dashboard agree.

On the demo store (the ingested sample corpus), for each of the busiest pairs: the
events in total and by direction, from `equipoise dyad` and `equipoise report`, from
`/api/summary` and `/api/dyads`, and as the dashboard shows them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.serve import create_app

from . import test_browser as base
from .conftest import serving

pytestmark = pytest.mark.browser

from playwright.sync_api import Browser, expect  # noqa: E402

browser = base.browser
Figures = tuple[int, int, int, int]  # events, a -> b, b -> a, joint


@pytest.fixture(scope="module")
def demo_url(sample_store: Path) -> Iterator[str]:
    with serving(create_app(db=sample_store)) as url:
        yield url


def _series_figures(rows: list[dict[str, object]], a: str, b: str,
                    key: str = "direction") -> Figures:  # fmt: skip
    def total(direction: str) -> int:
        return sum(int(str(r["events"])) for r in rows if r[key] == direction)

    return total("combined"), total(f"{a}->{b}"), total(f"{b}->{a}"), total(f"{a}+{b}")


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_same_dyad_figures_from_cli_api_and_dashboard(
    sample_store: Path, demo_url: str, browser: Browser
) -> None:
    summary = httpx.get(f"{demo_url}/api/summary", params={"top": 3}).json()["top_dyads"]
    report = json.loads(_cli("report", "--db", str(sample_store), "--format", "json"))
    context = browser.new_context(base_url=demo_url)
    page = context.new_page()
    base.visit(page, "#/overview")
    for d in summary:
        a, b = d["source"], d["target"]
        api_summary = (d["events"], d["forward"], d["backward"], d["joint"])
        assert api_summary[0] > 0
        cli_rows = json.loads(_cli("dyad", a, b, "--db", str(sample_store), "--format", "json"))
        api_rows = httpx.get(f"{demo_url}/api/dyads/{a}/{b}").json()["rows"]
        in_report = next(r for r in report["top_dyads"] if (r["a"], r["b"]) == (a, b))
        assert _series_figures(cli_rows, a, b) == api_summary
        assert _series_figures(api_rows, a, b) == api_summary
        assert (in_report["events"], in_report[f"{a}->{b}"], in_report[f"{b}->{a}"],
                in_report["joint"]) == api_summary  # fmt: skip
        item = page.locator(f"ol.dyads li[data-pair='{a}-{b}']")
        expect(item.locator(".num")).to_have_text(str(api_summary[0]))
        expect(item.locator(".directions")).to_have_text(
            f"{a}→{b} {api_summary[1]} · {b}→{a} {api_summary[2]} · joint {api_summary[3]}")
    a, b = summary[0]["source"], summary[0]["target"]
    base.visit(page, f"#/dyad?a={a}&b={b}")
    shown = page.locator("#dyad-table tbody tr td:nth-child(2)").all_text_contents()
    assert sum(int(n) for n in shown) == summary[0]["events"]
    context.close()


def test_stories_are_the_default_rows_with_their_reports_one_click_down(
    demo_url: str, browser: Browser
) -> None:
    params = {"actor": "KOR", "type": "CONSULT"}
    stories = httpx.get(f"{demo_url}/api/stories", params=params).json()
    reports = httpx.get(f"{demo_url}/api/events", params=params).json()
    assert 0 < stories["total"] < reports["total"]
    merged = [s for s in stories["items"] if s["mentions"] > 1]
    assert merged and all(len(s["mention_ids"]) == s["mentions"] for s in merged)
    assert sum(s["mentions"] for s in stories["items"]) >= reports["total"]
    story = merged[0]
    context = browser.new_context(base_url=demo_url)
    page = context.new_page()
    base.visit(page, "#/events?actor=KOR&type=CONSULT")
    expect(page.locator("#page-info")).to_contain_text(f"{stories['total']} stories")
    row = page.locator(f"tr.story[data-story-id='{story['id']}']")
    expect(row).to_contain_text(f"{story['articles']} articles")
    row.locator("button").click()
    expect(row.locator(".story-reports li")).to_have_count(story["mentions"])
    row.locator(".story-reports li a").first.click()
    page.wait_for_url(f"**#/article/{story['mention_articles'][0]}?event={story['mention_ids'][0]}")
    base.visit(page, "#/events?actor=KOR&type=CONSULT&rows=reports")
    expect(page.locator("#page-info")).to_contain_text(f"{reports['total']} events")
    context.close()


def test_a_story_with_no_recipient_shows_its_parties_without_an_arrow(
    demo_url: str, browser: Browser
) -> None:
    params = {"actor": "KOR", "type": "SUPPORT"}
    stories = httpx.get(f"{demo_url}/api/stories", params=params).json()["items"]
    one_sided = [s for s in stories if s["dyad"].endswith(">")]
    assert one_sided, [s["dyad"] for s in stories]  # the demo corpus has signings of two
    story = one_sided[0]
    context = browser.new_context(base_url=demo_url)
    page = context.new_page()
    base.visit(page, "#/events?actor=KOR&type=SUPPORT")
    who = page.locator(f"tr.story[data-story-id='{story['id']}'] td").nth(3)
    expect(who).to_have_text(story["dyad"].rstrip(">").replace(",", ", "))
    context.close()
