"""The dashboard in Debian's Chromium, driven by Playwright (sync API)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import XSS_TEXT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

expect.set_options(timeout=5000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, readonly_url: str) -> Iterator[Page]:
    """A page on the dashboard that fails the test on any script error or failed load."""
    context = browser.new_context(base_url=readonly_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5000)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert problems == []


def visit(page: Page, hash_: str) -> None:
    page.goto(f"/{hash_}")
    page.wait_for_selector("body[data-ready=true]")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview(page: Page) -> None:
    visit(page, "#/overview")
    expect(page.locator("#summary-cards")).to_contain_text("8")
    expect(page.locator("#summary-cards")).to_contain_text("2025-11-01 → 2026-02-15")
    assert page.locator("svg.chart rect.bar").count() >= 8
    first = page.locator("ol.dyads li").first
    expect(first).to_contain_text("JPN – KOR")  # the pair, then its directions
    expect(first).to_contain_text("JPN→KOR 1 · KOR→JPN 3 · joint 1")
    shot(page, "overview")


def test_filter_events_and_open_evidence(page: Page) -> None:
    visit(page, "#/events?rows=reports")
    expect(page.locator("#page-info")).to_contain_text("13 events")
    page.fill("#f-actor", "kor")
    page.select_option("#f-type", "AGREE")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/events?actor=KOR&type=AGREE&rows=reports")
    page.wait_for_selector("body[data-ready=true]")
    rows = page.locator("#events-table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#page-info")).to_contain_text("2 events")
    shot(page, "events-filtered")
    rows.first.click()
    page.wait_for_url("**#/article/tokyo-trade?event=*")
    page.wait_for_selector("body[data-ready=true]")
    evidence = "South Korea and Japan signed a trade agreement in Tokyo."
    # the article starts with flag emoji, so this also checks code-point offsets
    expect(page.locator("#article-text mark")).to_have_text([evidence])  # waits for the render
    expect(page.locator("#d-actor")).to_have_text("Lee Jae-myung (KOR)")
    expect(page.locator("#d-recipient")).to_have_text("Sanae Takaichi (JPN)")
    expect(page.locator("#d-place")).to_have_text("Tokyo, JPN")
    expect(page.locator("#d-date")).to_contain_text("2026-02-10")
    shot(page, "article-evidence")


def test_events_show_sectors_and_filter_by_them(page: Page) -> None:
    visit(page, "#/events?rows=reports")  # one row per report shows each actor's sector
    page.select_option("#f-sector", "GOV")
    page.select_option("#f-scope", "international")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/events?sector=GOV&scope=international&rows=reports")
    page.wait_for_selector("body[data-ready=true]")
    actors = page.locator("#events-table tbody td.actor")
    expect(actors.first).to_contain_text("/GOV")
    page.select_option("#f-scope", "domestic")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/events?sector=GOV&scope=domestic&rows=reports")
    expect(page.locator("#no-events")).to_be_visible()  # the fixture has no domestic event


def test_switching_event_in_article_moves_highlight(page: Page) -> None:
    visit(page, "#/article/nara-takaichi")
    page.click("ol.article-events li:nth-child(2) a")
    expect(page.locator("#d-type")).to_have_text("COOPERATE")
    expect(page.locator("mark#evidence")).to_have_text("Both pledged closer security cooperation.")
    expect(page.locator("#d-recipient")).to_have_text("—")


def test_dyad_view(page: Page) -> None:
    visit(page, "#/dyad?a=KOR&b=JPN")
    expect(page.locator("#dyad-table tbody tr")).to_have_count(3)
    assert page.locator("svg.chart polyline").count() == 3
    page.locator("svg.chart rect.hit").first.hover()
    expect(page.locator("#tooltip")).to_be_visible()
    expect(page.locator("#tooltip")).to_contain_text("2025-12")
    expect(page.locator("#tooltip")).to_contain_text("JPN->KOR: 1")
    shot(page, "dyad")


def test_balance_period_switch_tooltip_and_zoom(page: Page) -> None:
    visit(page, "#/balance?focal=KOR&between=CHN,JPN")
    points = page.locator("#balance-chart circle.point")
    periods = page.locator("#balance-chart rect.hit")
    expect(periods).to_have_count(4)
    expect(points).to_have_count(3)  # 2025-12 has no cooperative event: no point, a gap
    expect(page.locator("#verdict-table")).to_contain_text("too little evidence")
    expect(page.locator("#sequences li")).to_contain_text("8 days apart")
    page.locator("#balance-chart rect.hit").first.hover()
    expect(page.locator("#tooltip")).to_contain_text("2025-11")
    shot(page, "balance-month")

    page.select_option("#f-by", "week")
    page.wait_for_url("**by=week*")
    page.wait_for_selector("body[data-ready=true]")
    labels = page.locator("#balance-chart .axis.x text").all_text_contents()
    assert labels and all("-W" in label for label in labels)
    weekly = periods.count()
    assert weekly > 4 and points.count() == 4
    shot(page, "balance-week")

    page.select_option("#zoom-from", "2026-W02")
    page.select_option("#zoom-to", "2026-W03")
    expect(periods).to_have_count(2)
    expect(page.locator("#verdict-table tbody tr")).to_have_count(2)
    page.click("#zoom-reset")
    expect(periods).to_have_count(weekly)
    box = page.locator("#balance-chart").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, y, steps=5)
    page.mouse.up()
    assert 0 < periods.count() < weekly


def test_network_view_is_the_ego_network_of_one_actor(page: Page) -> None:
    visit(page, "#/network")  # the busiest actor, KOR, with its two partners
    expect(page.locator("h1")).to_have_text("Network of KOR")
    expect(page.locator("#network g.node")).to_have_count(3)
    expect(page.locator("#network line.edge")).to_have_count(2)
    page.locator("#network line.edge[data-edge='CHN-KOR']").hover()
    expect(page.locator("#tooltip")).to_contain_text("3 cooperative, 1 conflictual")
    shot(page, "network")
    page.locator("#network g.node[data-code='JPN']").click()
    page.wait_for_url("**#/network?actor=JPN")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("h1")).to_have_text("Network of JPN")
    visit(page, "#/network?actor=UN")
    page.locator("#network g.node.ego").click()
    page.wait_for_url("**#/events?actor=UN")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("#events-table tbody tr")).to_have_count(2)


def test_article_markup_is_shown_as_text(page: Page) -> None:
    visit(page, "#/article/xss-post")
    page.wait_for_timeout(300)  # give an injected onerror handler time to fire
    assert page.evaluate("window.__xss") is None
    body = page.locator("#article-text")
    assert body.text_content() == XSS_TEXT
    assert body.locator("script, img").count() == 0
    expect(body).to_contain_text("<img src=x onerror=")
    expect(page.locator("mark#evidence")).to_have_text(
        "The UN urged North Korea to return to talks."
    )
    shot(page, "article-markup-as-text")


def test_api_error_is_shown(browser: Browser, readonly_url: str) -> None:
    context = browser.new_context(base_url=readonly_url)
    pg = context.new_page()
    failed: list[str] = []
    pg.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    visit(pg, "#/article/nowhere")
    expect(pg.locator("p.error")).to_contain_text("no article 'nowhere'")
    assert len(failed) == 1 and "404" in failed[0]  # only the API call, not a script error
    context.close()
