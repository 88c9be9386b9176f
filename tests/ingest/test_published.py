"""Publication dates a page states: each source found, in its order of trust; wrong ones refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equipoise.ingest._text_dates import dateline_date, is_date_line, url_date
from equipoise.ingest.clean import clean_document
from equipoise.models import RawDocument

from .conftest import PageBuilder

LEAD = ("Ghana and Togo agreed on Tuesday to reopen their border crossing at Aflao, the two "
        "foreign ministries said in a joint statement.")
BODY = "The crossing was closed after clashes between traders."


def _clean(body: str, **fields: object) -> RawDocument:
    return RawDocument(source="t.txt", body=body, **fields)  # type: ignore[arg-type]


def _dated(body: str, **fields: object) -> tuple[date | None, str | None]:
    article = clean_document(_clean(body, **fields))
    return article.published, article.published_source


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Published: 03 Mar. 2024", date(2024, 3, 3)),
        ("Posted on 12th August, 2023 at 09:40 IST", date(2023, 8, 12)),
        ("13 Oct 2025, 01:27 GMT+10", date(2025, 10, 13)),
        ("Tue Oct 07 2025", date(2025, 10, 7)),
        ("• Wednesday, 13 Nov 2024", date(2024, 11, 13)),
        ("2023-09-18 | 12:17", date(2023, 9, 18)),
        ("March 30, 2018 / 10:51 AM / Updated an hour ago", date(2018, 3, 30)),
    ],
)
def test_date_line_before_the_lead_dates_the_article(head: str, expected: date) -> None:
    assert _dated(f"Kofi Mensah\n\n{head}\n\n{LEAD}\n\n{BODY}") == (expected, "text")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("CAIRO, Nov 10, 2023 (EFE).- The emir of Qatar landed in Cairo.", date(2023, 11, 10)),
        ("Yerevan, 2 April 1997 (RFE/RL) - The French minister left Yerevan.",
         date(1997, 4, 2)),
        ("Cairo (Reuters) May 4, 2024 - Egypt hosted talks on Gaza.", date(2024, 5, 4)),
        ("Pune (Maharashtra) [India], August 28, 2021 (ANI): The minister visited a base.",
         date(2021, 8, 28)),
        ("Chennai, June 30, 2019 (IANS) The minister visited the naval command.",
         date(2019, 6, 30)),
    ],
)
def test_dateline_with_a_year_dates_the_article_and_stays_in_the_text(
    lead: str, expected: date
) -> None:
    article = clean_document(_clean(f"{lead} {LEAD}\n\n{BODY}"))
    assert (article.published, article.published_source) == (expected, "text")
    assert article.text.startswith(lead)


def test_dateline_without_a_year_takes_the_year_from_the_url() -> None:
    body = f"KYIV, Oct 3 (Reuters) - {LEAD}\n\n{BODY}"
    url = "https://example.org/world/2022/ukraine-poland-corridor"
    assert _dated(body, url=url) == (date(2022, 10, 3), "text")


def test_dateline_without_a_year_takes_the_latest_year_the_text_states() -> None:
    body = f"KYIV, Oct 3 (Reuters) - {LEAD}\n\nThe crossing was closed in May 2021. {BODY}"
    assert _dated(body) == (date(2021, 10, 3), "text")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2024/05/04/talks-resume", date(2024, 5, 4)),
        ("https://example.com/en/2025-10-19/ceasefire-agreed/amp", date(2025, 10, 19)),
        ("https://example.in/story/lula-tariff-glbs-2754044-2025-07-11", date(2025, 7, 11)),
        ("https://example.com/news/article/202504012110RTRS_KCN3GA", date(2025, 4, 1)),
        ("https://example.com/article/10560185", None),
        ("https://example.com/2024/13/45/not-a-date", None),
        ("https://example.com/news/?date=2024-05-04", None),
    ],
)
def test_url_dates(url: str, expected: date | None) -> None:
    assert url_date(url) == expected


def test_url_date_beats_the_text_and_the_input_beats_both() -> None:
    body = f"Published: 03 Mar. 2024\n\n{LEAD}\n\n{BODY}"
    url = "https://news.example/2024/03/02/ghana-togo"
    assert _dated(body, url=url) == (date(2024, 3, 2), "url")
    given = _dated(body, url=url, published=date(2024, 3, 1))
    assert given == (date(2024, 3, 1), "input")


def test_page_metadata_is_the_html_source(wordpress_page: PageBuilder) -> None:
    page = wordpress_page("Border reopens", [LEAD, BODY])  # the template dates it 2026-01-14
    article = clean_document(RawDocument(source="p.html", body=page, fmt="html",
                                         url="https://news.example/2025/12/01/x"))
    assert (article.published, article.published_source) == (date(2026, 1, 14), "html")


def test_no_date_anywhere_leaves_it_unset_or_takes_the_default() -> None:
    assert _dated(f"{LEAD}\n\n{BODY}") == (None, None)
    article = clean_document(_clean(f"{LEAD}\n\n{BODY}"), default_published=date(2025, 1, 2))
    assert (article.published, article.published_source) == (date(2025, 1, 2), "default")


def test_photo_caption_date_is_refused() -> None:
    caption = "FILE PHOTO: Traders at the Aflao crossing, June 3, 2019. REUTERS/Ama Ofori"
    assert _dated(f"{caption}\n\n{LEAD}\n\n{BODY}") == (None, None)
    assert _dated(f"{LEAD}\n\n{caption}\n\n{BODY}") == (None, None)


def test_last_updated_time_in_the_future_of_the_text_is_refused() -> None:
    body = (f"Last updated: 5 January 2026\n\n{LEAD}\n\n"
            "The crossing had been closed since 14 October 2022 after clashes.")
    assert _dated(body) == (None, None)
    recent = body.replace("5 January 2026", "20 October 2022")
    assert _dated(recent) == (date(2022, 10, 20), "text")


def test_a_published_line_closing_the_article_counts() -> None:
    body = f"{LEAD}\n\n{BODY}\n\nMore.\n\nAnd more.\n\nPublished - 25 September 2019 12:21 pm IST"
    assert _dated(body) == (date(2019, 9, 25), "text")


def test_published_line_beats_updated_line() -> None:
    body = f"Updated: 16 Feb. 2025\n\nPublished: 14 Feb. 2025\n\n{LEAD}\n\n{BODY}"
    assert _dated(body) == (date(2025, 2, 14), "text")


def test_dates_in_a_related_stories_list_are_refused() -> None:
    related = "Related stories\n\nTogo recalls envoy\n\n12 Jan 2019\n\nGhana hosts talks"
    assert _dated(f"{LEAD}\n\n{BODY}\n\nMore text.\n\nAnd more.\n\n{related}") == (None, None)


def test_a_date_after_today_is_refused() -> None:
    assert _dated(f"Published: 3 March 2099\n\n{LEAD}\n\n{BODY}") == (None, None)
    assert _dated(f"{LEAD}\n\n{BODY}", url="https://x.example/2099/03/03/a") == (None, None)


def test_junk_laden_sample_pages(data_dir: Path) -> None:
    wire = (data_dir / "pages" / "wire_story.txt").read_text("utf-8")
    portal = (data_dir / "pages" / "portal_story.txt").read_text("utf-8")
    assert _dated(wire) == (date(2025, 2, 14), "text")
    assert _dated(portal) == (date(2024, 6, 22), "text")


@pytest.mark.parametrize(
    "line", ["The talks ended on March 3, 2024.", "Anabelle Colaco", "May", "2 min read",
             "Published in the Gazette"],
)
def test_lines_with_more_than_a_date_are_not_date_lines(line: str) -> None:
    assert not is_date_line(line, ("published", "updated", "on", "at"))


@pytest.mark.parametrize(
    "lead", ["WASHINGTON (Reuters) - The U.S. imposed sanctions.", "LONDON: Prime Minister",
             "March 3 was a day of talks.", "Nov 10 - the talks began."],
)
def test_leads_without_a_dated_dateline(lead: str) -> None:
    assert dateline_date(lead, year=2024) is None
