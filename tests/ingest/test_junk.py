"""The page-furniture filter: every junk shape dropped, every sentence of news kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equipoise.errors import DataFileError
from equipoise.ingest._boilerplate import default_boilerplate
from equipoise.ingest._junk import default_cues, filter_lines, parse_cues
from equipoise.ingest._text import paragraphs
from equipoise.ingest.clean import clean_document
from equipoise.ingest.readers import iter_documents
from equipoise.models import RawDocument

from .conftest import PageBuilder

LEAD = ("Japan and South Korea signed a fisheries agreement on Friday, ending a two-year "
        "dispute over the northern banks, the two foreign ministries said.")
BODY = "The deal was signed by the two foreign ministers at a ceremony in the port city."


def _filter(paras: list[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    result = filter_lines(paras, default_cues(), default_boilerplate())
    return result.kept, {d.text: d.kind for d in result.dropped}


# Shapes dropped wherever they stand, before the lead or between its paragraphs.
ANYWHERE = [
    ("By Marta Ilves and Tomas Berg", "byline"),
    ("BY STAFF REPORTER | The Gazette", "byline"),
    ("(Reporting by Ana Lind; Editing by Paul Roe)", "byline"),
    ("Published: 03 Mar. 2024", "date"),
    ("Updated 14:05 GMT, 12 June 2025", "date"),
    ("Wednesday, 4 Dec 2024 / 10:51 AM / Updated an hour ago", "date"),
    ("2025-10-19 | 08:30", "date"),
    ("(UPDATED)", "boilerplate"),
    ("1. Skip to content", "boilerplate"),
    ("Read more: Seoul recalls envoy over trawler seizure", "boilerplate"),
    ("• Facebook.", "share"),
    ("Facebook Twitter WhatsApp Email Copy link", "share"),
    ("icon-facebook icon-x icon-telegram", "share"),
    ("Photo : ANADOLU Agency", "caption"),
    ("FILE PHOTO: Fishing boats in the harbour, June 3, 2019. REUTERS/Ana Lind/File Photo",
     "caption"),
    ("(FILE) The minister speaks at a forum in Doha, 19 May 2022. EFE/EPA/NOUR ALI", "caption"),
    ("Delegates pose before the talks in Geneva. Photograph: Kim Ode/AP", "caption"),
    ("The two leaders shake hands in the capital. (Gazette: Lena Hart)", "caption"),
    ("In this undated photo released by the navy, a patrol boat tows a trawler.", "caption"),
    ("A patrol boat near the reef, April 2, 2023. /Xinhua", "caption"),
    ("(AFP/Reuters)", "caption"),
    ("–IANS", "caption"),
    ("Flags of the two countries are seen in this illustration taken May 1, 2022.", "caption"),
    ("By continuing to browse our site you agree to our use of cookies and our Privacy "
     "Policy.", "cookie"),
]
# Shapes that are furniture only before the lead.
HEAD_ONLY = [
    ("Sami Okonkwo", "label"),
    ("WORLD NEWS", "label"),
    ("Valdoria And Morland Sign Fisheries Pact After Two-Year Row", "label"),
    ("互联网新闻信息服务", "script"),
    ("Reader hotline: 010-5550123", "field"),
]


@pytest.mark.parametrize(("line", "kind"), ANYWHERE + HEAD_ONLY)
def test_junk_line_before_the_lead_is_dropped(line: str, kind: str) -> None:
    kept, dropped = _filter([line, LEAD, BODY])
    assert kept == (LEAD, BODY)
    assert dropped == {line: kind}


@pytest.mark.parametrize(("line", "kind"), ANYWHERE)
def test_junk_line_between_paragraphs_is_dropped(line: str, kind: str) -> None:
    kept, dropped = _filter([LEAD, line, BODY])
    assert kept == (LEAD, BODY)
    assert dropped == {line: kind}


@pytest.mark.parametrize("line", [line for line, _ in HEAD_ONLY if line.isascii()])
def test_head_only_shapes_stay_between_paragraphs(line: str) -> None:
    kept, _ = _filter([LEAD, line, BODY])
    assert kept == (LEAD, line, BODY)


NEWS = [
    "CAIRO, Nov 10 (EFE).- The emir of Qatar landed in Cairo on Friday for talks.",
    "KYIV, Oct 3 (Reuters) - Ukraine and Poland agreed to open a second grain corridor.",
    "By Tuesday, Chile had recalled its ambassador to Caracas.",
    "By the end of the talks the two sides had agreed to meet again.",
    "Facebook's parent company was fined by the European Union on Monday.",
    "Print and broadcast media in Egypt were barred from the summit venue.",
    "Reuters reported that India and China held talks on the border.",
    "Reuters/Ipsos poll shows most voters back the treaty",
    "Talks between Seoul/Tokyo negotiators resumed on Monday",
    "Japan protests China's drills near the Senkaku islands",
    "China protested.",
    "US imposes 50% tariff on Brazilian goods",
    "Photos released by the ministry showed the two leaders in Ankara.",
    "The talks ended on March 3, 2024, in Doha.",
    "Russia said the exchange took place under UAE mediation (the 14th such swap).",
]


@pytest.mark.parametrize("line", NEWS)
@pytest.mark.parametrize("where", [0, 1, 2])
def test_news_lines_are_kept_wherever_they_stand(line: str, where: int) -> None:
    paras = [LEAD, BODY]
    paras.insert(where, line)
    kept, dropped = _filter(paras)
    assert line in kept, dropped


ACTORS = ["China", "The United States", "Japan's foreign ministry", "President Lula",
          "NATO", "The European Union", "Prime Minister Abiy Ahmed", "Iran", "Seoul"]
VERBS = ["accused", "met", "signed a deal with", "imposed sanctions on", "warned",
         "summoned the ambassador of", "visits", "will host", "has released prisoners to",
         "rejected a proposal from", "praised"]
OBJECTS = ["Russia", "the Philippines", "India", "its neighbours", "Kenya and Ethiopia",
           "the Gulf states", "Vietnam"]
TAILS = ["", " on Tuesday", " in Geneva", ", officials said", " on March 3, 2024",
         " after talks in Doha (AFP)", " by phone"]
JUNK = [line for line, _ in ANYWHERE + HEAD_ONLY]


@given(
    actor=st.sampled_from(ACTORS), verb=st.sampled_from(VERBS), obj=st.sampled_from(OBJECTS),
    tail=st.sampled_from(TAILS), end=st.sampled_from([".", "", "!", "."]),
    junk=st.lists(st.sampled_from(JUNK), max_size=6), where=st.integers(0, 8),
)
def test_no_sentence_with_a_verb_and_an_actor_is_dropped(
    actor: str, verb: str, obj: str, tail: str, end: str, junk: list[str], where: int
) -> None:
    sentence = f"{actor} {verb} {obj}{tail}{end}"
    paras = [*junk, LEAD, BODY]
    paras.insert(min(where, len(paras)), sentence)
    kept, _ = _filter(paras)
    assert sentence in kept
    assert LEAD in kept and BODY in kept


def test_lead_marker_is_cut_and_dateline_kept() -> None:
    kept, _ = _filter(["(UPDATED) MANILA, May 2 (Reuters) - " + LEAD, BODY])
    assert kept[0] == "MANILA, May 2 (Reuters) - " + LEAD


@pytest.mark.parametrize("credit", ["Valdoria Herald- AP: ", "Gulf Courier/AFP: ",
                                    "Northern Mirror - Reuters: "])
def test_an_outlets_credit_of_a_wire_story_is_cut_from_the_lead(credit: str) -> None:
    kept, _ = _filter([credit + LEAD, BODY])
    assert kept[0] == LEAD


@pytest.mark.parametrize("lead", [
    "WASHINGTON (AP) - " + LEAD,  # a dateline keeps its place
    "Japan: " + LEAD,  # a speaker's label names no agency
    "The Foreign Office - AP said on Friday that " + LEAD,  # no colon: a sentence
])
def test_a_lead_without_a_wire_credit_is_kept_whole(lead: str) -> None:
    kept, _ = _filter([lead, BODY])
    assert kept[0] == lead


def test_without_a_lead_only_the_shapes_found_anywhere_are_dropped() -> None:
    kept, dropped = _filter(["Peru And Chile", "Peru and Chile met.", "• Facebook"])
    assert kept == ("Peru And Chile", "Peru and Chile met.")
    assert dropped == {"• Facebook": "share"}


def test_junk_laden_plain_page_cleans_to_the_article(data_dir: Path) -> None:
    body = (data_dir / "pages" / "wire_story.txt").read_text("utf-8")
    article = clean_document(RawDocument(source="wire_story.txt", body=body))
    assert article.text.startswith("VALDORIA CITY, Feb 14 (Reuters) - Japan and South Korea")
    assert article.text.count("\n\n") == 2
    for junk in ("Skip to", "By Marta", "Published", "Facebook", "Photo", "FILE PHOTO",
                 "Read more", "Reporting by"):
        assert junk not in article.text


def test_a_junk_first_line_is_not_taken_for_the_title(data_dir: Path) -> None:
    [doc] = iter_documents([data_dir / "pages" / "wire_story.txt"])
    assert isinstance(doc, RawDocument) and doc.title == "Skip to main content"
    article = clean_document(doc)
    assert article.title == "Valdoria And Morland Sign Fisheries Pact After Two-Year Row"


def test_same_junk_as_a_web_page_cleans_to_the_same_text(
    data_dir: Path, wordpress_page: PageBuilder
) -> None:
    raw = (data_dir / "pages" / "wire_story.txt").read_text("utf-8")
    page = wordpress_page("Fisheries pact", paragraphs(raw))
    html = clean_document(RawDocument(source="wire.html", body=page, fmt="html"))
    plain = clean_document(RawDocument(source="wire.txt", body=raw))
    assert html.text == plain.text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"share_words": ["x"]}, "must be a non-empty list"),
        ({**{k: ["a"] for k in ("share_words", "caption_openers", "caption_markers",
                                  "agencies", "byline_openers", "date_labels",
                                  "publish_labels", "update_labels", "lead_markers",
                                  "cookie_words", "consent_words", "minor_words")},
          "colour": ["red"]}, "unknown keys"),
        ({**{k: ["a"] for k in ("share_words", "caption_openers", "caption_markers",
                                  "agencies", "byline_openers", "date_labels",
                                  "publish_labels", "update_labels", "lead_markers",
                                  "cookie_words", "consent_words")},
          "minor_words": ["The"]}, "not lower-case"),
    ],
)
def test_cue_file_schema_is_checked(raw: dict[str, object], message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_cues(raw, "my_cues.toml")
