"""The map, downloads, offline /docs, the balance view's controls and the phone layout."""

from __future__ import annotations

import csv
import io
import itertools
from urllib.parse import urlparse

import pytest

from . import test_browser as base

pytestmark = pytest.mark.browser

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect  # noqa: E402

# the same fixtures and helpers as the first browser module
browser, page, shot, visit = base.browser, base.page, base.shot, base.visit
ARTIFACTS = base.ARTIFACTS

PHONE: ViewportSize = {"width": 390, "height": 844}


def on_a_phone(browser: Browser, url: str, view: str) -> tuple[BrowserContext, Page]:
    """A fresh context at a phone's width showing ``view``; the caller closes it."""
    context = browser.new_context(base_url=url, viewport=PHONE)
    pg = context.new_page()
    visit(pg, view)
    return context, pg


VIEWS = ["#/overview", "#/events", "#/map", "#/dyad?a=KOR&b=JPN",
         "#/balance?focal=KOR&between=CHN,JPN", "#/network", "#/article/nara-takaichi",
         "#/articles?q=Nara"]


def test_map_renders_markers_filtered_like_the_events(page: Page) -> None:
    visit(page, "#/map")
    expect(page.locator("#map .land path").first).to_be_attached()
    assert page.locator("#map .land path").count() > 150
    markers = page.locator("#map circle.marker")
    expect(markers).to_have_count(4)
    expect(page.locator("#map-summary")).to_contain_text("4 events")
    page.locator("#map circle.marker[data-place='Nara']").hover()
    expect(page.locator("#tooltip")).to_contain_text("Nara, JPN")
    shot(page, "map")
    page.fill("#f-recipient", "JPN")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/map?recipient=JPN")
    page.wait_for_selector("body[data-ready=true]")
    expect(markers).to_have_count(2)
    page.locator("#map circle.marker[data-place='Tokyo']").click()
    page.wait_for_url("**#/article/tokyo-trade?event=*")


def test_download_returns_the_filtered_rows(page: Page) -> None:
    visit(page, "#/events?actor=KOR&type=AGREE&rows=reports")
    expect(page.locator("#events-table tbody tr")).to_have_count(2)
    with page.expect_download() as info:
        page.click("#download-csv")
    text = info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    shown = page.locator("#events-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)")
    assert sorted(r["id"] for r in rows) == sorted(shown)
    assert {r["event_type"] for r in rows} == {"AGREE"}


def test_event_table_shows_confidence_precision_and_article(page: Page) -> None:
    visit(page, "#/events?precision=day&min_confidence=0.5&rows=reports")
    expect(page.locator("#page-info")).to_contain_text("12 events")
    first = page.locator("#events-table tbody tr").first
    expect(first).to_contain_text("0.80")
    expect(first.locator(".precision")).to_have_text(" day")
    expect(first.locator(".article-id")).to_have_text("xss-post")
    shot(page, "events")


def test_docs_render_with_no_request_leaving_the_machine(
    browser: Browser, readonly_url: str
) -> None:
    context = browser.new_context(base_url=readonly_url)
    pg = context.new_page()
    host = urlparse(readonly_url).netloc
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url)
          if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host
          else None)
    pg.goto("/docs")
    expect(pg.locator(".swagger-ui .info .title")).to_contain_text("equipoise")
    expect(pg.locator(".opblock-summary-path").first).to_be_visible()
    assert pg.locator(".opblock").count() > 10
    assert outside == []
    pg.screenshot(path=str(ARTIFACTS / "docs.png"))
    context.close()


def test_balance_legend_hide_empty_and_several_focal_countries(page: Page) -> None:
    visit(page, "#/balance?focal=KOR&between=CHN,JPN")
    expect(page.locator("#verdict-legend")).to_contain_text("tilted toward CHN")
    expect(page.locator("#verdict-legend")).to_contain_text("too little evidence")
    expect(page.locator("#balance-chart rect.hit")).to_have_count(4)
    page.check("#f-hide")
    page.wait_for_url("**hide=1*")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("#balance-chart rect.hit")).to_have_count(3)  # 2025-12 had nothing
    visit(page, "#/balance?focal=KOR,PRK&between=CHN,JPN")
    expect(page.locator("#verdict-table thead")).to_contain_text("Focal")
    expect(page.locator("#verdict-legend")).to_contain_text("PRK (line)")
    visit(page, "#/balance?focal=CHN,JPN&between=KOR,UN&hide=1")
    rows = page.locator("#verdict-table tbody tr")
    expect(rows).to_have_count(4)  # CHN 2025-11 and 2026-01, JPN 2026-01 and 2026-02
    for k in range(4):  # with empty periods hidden, no row is an empty period
        assert rows.nth(k).locator("td").nth(2).inner_text().strip() != ""
    shot(page, "balance-two-focal")


@pytest.mark.parametrize("view", VIEWS)
def test_no_horizontal_overflow_on_a_phone(
    browser: Browser, readonly_url: str, view: str
) -> None:
    context, pg = on_a_phone(browser, readonly_url, view)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{view} is {width} px wide"
    if view in ("#/events", "#/map", "#/balance?focal=KOR&between=CHN,JPN"):
        name = view.split("?")[0].strip("#/")
        pg.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"),
                      full_page=True)
    context.close()


def test_article_side_panel_lists_who_did_what_to_whom(page: Page) -> None:
    visit(page, "#/article/nara-takaichi")
    items = page.locator("#article-events li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("CONSULT KOR → JPN")
    expect(items.nth(1)).to_have_text("COOPERATE KOR + JPN")  # no arrow toward nobody
    expect(page.locator("#d-article")).to_have_text("nara-takaichi")


def test_articles_view_searches_and_opens_an_article(page: Page) -> None:
    visit(page, "#/articles")
    expect(page.locator("#article-page-info")).to_contain_text("8 articles")
    page.fill("#f-q", "Nara")
    page.click("#article-filters button[type=submit]")
    page.wait_for_url("**#/articles?q=Nara")
    page.wait_for_selector("body[data-ready=true]")
    hits = page.locator("#article-hits li")
    expect(hits).to_have_count(1)
    expect(hits.first.locator(".snippet strong")).to_have_text("Nara")
    hits.first.locator("a").click()
    page.wait_for_url("**#/article/nara-takaichi")


def test_story_rows_filter_by_sector_and_say_when_the_outlet_is_unknown(page: Page) -> None:
    visit(page, "#/events")
    launch = page.locator("tr.story", has_text="North Korea launched a missile.")
    expect(launch).to_contain_text("1 article, outlet unknown")
    expect(page.locator("tr.story", has_text="Seoul rejected the claim.")).to_contain_text(
        "1 article, 1 outlet")
    every = page.locator("tr.story").count()
    page.select_option("#f-sector", "GOV")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/events?sector=GOV")
    page.wait_for_selector("body[data-ready=true]")
    expect(launch).to_have_count(0)  # PRK's launch has no government participant
    assert 0 < page.locator("tr.story").count() < every
    page.select_option("#f-scope", "domestic")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**#/events?sector=GOV&scope=domestic")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("tr.story")).to_have_count(0)


@pytest.mark.parametrize("view", ["#/events", "#/events?rows=reports"])
def test_on_a_phone_the_evidence_is_on_screen(browser: Browser, readonly_url: str,
                                             view: str) -> None:
    """Not in a column that starts past the screen's edge, one sideways scroll away."""
    context, pg = on_a_phone(browser, readonly_url, view)
    box = pg.locator("#events-table tbody tr td.evidence").first.bounding_box()
    context.close()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] > 250


LABEL_BOXES = """svg => [...svg.querySelectorAll('.axis text')].map(t => {
  const r = t.getBoundingClientRect();
  return {x: t.closest('.axis').classList.contains('x'), left: r.left, right: r.right,
          height: r.height, text: t.textContent};
})"""


@pytest.mark.parametrize("view", ["#/dyad?a=KOR&b=JPN", "#/balance?focal=KOR&between=CHN,JPN",
                                  "#/balance?focal=KOR&between=CHN,JPN&by=week",
                                  "#/overview"])
def test_charts_on_a_phone_keep_readable_labels_that_do_not_overlap(
    browser: Browser, readonly_url: str, view: str
) -> None:
    """At 390 px a chart is laid out for the room it has, not a 900-unit drawing shrunk."""
    context, pg = on_a_phone(browser, readonly_url, view)
    charts = pg.locator("svg.chart")
    expect(charts.first).to_be_visible()
    for k in range(charts.count()):
        chart = charts.nth(k)
        box = chart.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        labels = chart.evaluate(LABEL_BOXES)
        assert labels, f"chart {k} of {view} has no axis labels"
        small = [lab["text"] for lab in labels if lab["height"] < 11]
        assert small == [], f"{view}: labels drawn under 11 px tall: {small}"
        xs = sorted((lab for lab in labels if lab["x"]), key=lambda lab: lab["left"])
        for first, second in itertools.pairwise(xs):
            assert first["right"] <= second["left"], (
                f"{view}: x labels {first['text']} and {second['text']} overlap")
        assert all(box["x"] <= lab["left"] and lab["right"] <= box["x"] + box["width"] + 1
                   for lab in xs)
    context.close()


def test_a_chart_is_redrawn_when_its_container_narrows(page: Page) -> None:
    visit(page, "#/balance?focal=KOR&between=CHN,JPN")
    wide = page.locator("#balance-chart").get_attribute("viewBox")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("#balance-chart")).not_to_have_attribute("viewBox", wide or "")
    narrow = (page.locator("#balance-chart").get_attribute("viewBox") or "").split()
    assert 250 <= float(narrow[2]) <= 390  # drawn at the container's width, 1 unit = 1 px
