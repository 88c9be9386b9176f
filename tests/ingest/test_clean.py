"""Cleaning: one text for one article, whether it came as plain text or as a web page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import trafilatura

from equipoise.errors import InputError
from equipoise.ingest.clean import clean_document, detect_language, looks_english
from equipoise.ingest.readers import iter_documents
from equipoise.models import RawDocument, content_hash

from .conftest import PageBuilder

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "articles" / "seed.json"
FORM_STRINGS = ("Leave a Reply", "Your email address", "Required fields", "Post Comment",
                "Share this", "Save my name", "Click to share", "Like this")


def _read_one(path: Path) -> RawDocument:
    [doc] = iter_documents([path])
    assert isinstance(doc, RawDocument)
    return doc


def _assert_no_form_strings(text: str) -> None:
    for phrase in FORM_STRINGS:
        assert phrase not in text


def test_own_article_plain_and_wordpress_page_clean_to_same_text(
    data_dir: Path, wordpress_page: PageBuilder
) -> None:
    raw = (data_dir / "own_article.txt").read_text("utf-8")
    title, *paragraphs = [p for p in raw.split("\n\n") if p.strip()]
    page = wordpress_page(title, paragraphs)
    plain = clean_document(_read_one(data_dir / "own_article.txt"))
    html = clean_document(RawDocument(source="page.html", body=page, fmt="html"))
    assert html.text == plain.text
    assert html.title == plain.title == title
    _assert_no_form_strings(plain.text)
    assert plain.text.startswith("Indonesia and Vietnam signed an agreement")
    assert plain.text.endswith("as an example for other members.")
    assert plain.text.count("\n\n") == 5
    assert html.published == date(2026, 1, 14)


@pytest.mark.skipif(not SEED.is_file(), reason=f"shared seed article not found at {SEED}")
def test_seed_article_plain_and_wordpress_page_clean_to_same_text(
    wordpress_page: PageBuilder,
) -> None:
    seed = json.loads(SEED.read_text("utf-8"))
    # The page body carries the leaked comment-form paragraphs too, as WordPress themes
    # that put the form inside the post's own div do.
    title, *paragraphs = seed["text"].split("\n\n")
    page = wordpress_page(seed["title"], paragraphs)
    plain = clean_document(_read_one(SEED))
    html = clean_document(RawDocument(source="seed.html", body=page, fmt="html"))
    assert html.text == plain.text
    assert html.title == plain.title == seed["title"] == title
    _assert_no_form_strings(plain.text)
    assert plain.text.startswith("South Korea is intensifying")
    assert plain.id == "seed" and plain.published == date(2026, 1, 14)
    assert plain.language == "en"


def test_comment_form_inside_the_post_body_is_filtered(wordpress_page: PageBuilder) -> None:
    body = ["Chile and Peru agreed in Lima on Monday to build a joint customs post at the "
            "Chacalluta crossing, cutting the wait for lorries from hours to minutes.",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Share this:", "Click to share on LinkedIn (Opens in new window)"]
    article = clean_document(
        RawDocument(source="p.html", body=wordpress_page("Customs Post", body), fmt="html")
    )
    assert article.text == body[0]


def test_whitespace_and_control_characters_are_normalised() -> None:
    body = ("First paragraph  with\u00a0odd   spacing.   \r\n\r\n\r\n\r\n"
            "Second\x07 paragraph\u200b here.\t\r\nThird line on its own.\r\n")
    article = clean_document(RawDocument(source="t.txt", body=body))
    assert article.text == ("First paragraph with odd spacing.\n\nSecond paragraph here."
                            "\n\nThird line on its own.")


def test_hard_wrapped_plain_text_is_joined_into_paragraphs() -> None:
    body = ("Argentina and Uruguay agreed on Friday to dredge the shared channel of the\n"
            "river so that larger grain ships can reach the ports upstream, ending a\n"
            "long argument over who should pay for the work and who would maintain it.\n"
            "\n"
            "Work is due to start next year.\n")
    article = clean_document(RawDocument(source="w.txt", body=body))
    first, second = article.text.split("\n\n")
    assert first.startswith("Argentina and Uruguay") and "the\nriver" not in first
    assert "of the river so" in first
    assert second == "Work is due to start next year."


def test_title_paragraph_is_dropped_only_when_text_remains() -> None:
    title = "Talks in Oslo"
    doc = RawDocument(source="t.txt", body=f"{title}\n\nNorway hosted talks.", title=title)
    assert clean_document(doc).text == "Norway hosted talks."
    sentence = "Norway hosted talks in Oslo."
    only = RawDocument(source="t.txt", body=sentence, title=sentence.rstrip("."))
    assert clean_document(only).text == "Norway hosted talks in Oslo."


def test_only_boilerplate_is_an_input_error() -> None:
    doc = RawDocument(source="form.txt", body="Leave a Reply\n\nPost Comment\n")
    with pytest.raises(InputError, match="no article text"):
        clean_document(doc)


def test_ids_hashes_and_dates() -> None:
    named = clean_document(RawDocument(source="a", body="Peru and Chile met.", id="x1"))
    assert named.id == "x1" and named.content_hash == content_hash(named.text)
    anonymous = clean_document(
        RawDocument(source="b", body="Peru and Chile met."), default_published=date(2025, 1, 2)
    )
    assert anonymous.id == content_hash("Peru and Chile met.")
    assert anonymous.published == date(2025, 1, 2)


def test_container_metadata_wins_over_the_page(data_dir: Path) -> None:
    page = (data_dir / "formats" / "page.html").read_text("utf-8")
    from_page = clean_document(RawDocument(source="p", body=page, fmt="html"))
    assert from_page.title == "Ministers Map Out Mekong Water Data Pact"
    assert from_page.published == date(2025, 11, 3)
    assert "Copyright" not in from_page.text and "Home" not in from_page.text
    given = clean_document(
        RawDocument(source="p", body=page, fmt="html", title="Given", published=date(2025, 1, 1))
    )
    assert (given.title, given.published) == ("Given", date(2025, 1, 1))


def test_feed_entries_clean(data_dir: Path) -> None:
    docs = [d for d in iter_documents([data_dir / "formats" / "feed.rss"])
            if isinstance(d, RawDocument)]
    articles = [clean_document(d) for d in docs]
    assert articles[0].text == ("Fiji and Tonga signed a fisheries accord in Suva on Tuesday that "
                                "lets patrol boats from either country board vessels suspected of "
                                "illegal fishing in both zones.\n\nThe ministers said the accord "
                                "would take effect in January.")
    assert articles[1].text.startswith("Samoa hosted Pacific environment ministers")


def test_paragraphs_are_the_fallback_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = ("<html><head><title>Border Talks</title><script>var x = 1;</script></head><body>"
            "<p>Bolivia and Paraguay held talks.</p><div>menu</div><p>They agreed <b>to meet</b> "
            "again.</p></body></html>")
    article = clean_document(RawDocument(source="f.html", body=html, fmt="html"))
    assert article.text == "Bolivia and Paraguay held talks.\n\nThey agreed to meet again."
    assert article.title == "Border Talks"


def test_empty_page_is_an_input_error() -> None:
    with pytest.raises(InputError):
        clean_document(RawDocument(source="e.html", body="<html><body></body></html>", fmt="html"))


def test_language_is_detected_and_other_languages_are_not_errors() -> None:
    french = ("Le ministre des Affaires étrangères a reçu son homologue allemand à Paris "
              "pour discuter de la défense européenne et du soutien à l'Ukraine.")
    article = clean_document(RawDocument(source="fr.txt", body=french))
    assert article.language == "fr"
    assert detect_language("The ministers met in Geneva to discuss a ceasefire.") == "en"
    assert detect_language("12 345 !!!") is None


def test_plain_english_skips_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    import equipoise.ingest.clean as clean_module

    def refuse(text: str) -> list[object]:
        raise AssertionError("langdetect should not run on plain English")

    monkeypatch.setattr(clean_module, "detect_langs", refuse)
    english = ("The foreign ministers of Japan and South Korea met in Tokyo on Monday and "
               "agreed to resume talks on the export controls that have strained relations "
               "between the two countries for years, officials said after the meeting, which "
               "was the first of its kind since the election.")
    assert looks_english(english)
    assert detect_language(english) == "en"


@pytest.mark.parametrize("text", [
    "Le ministre des Affaires étrangères a reçu son homologue allemand à Paris pour discuter "
    "de la défense européenne et du soutien à l'Ukraine, a indiqué le ministère lundi. " * 3,
    "El ministro de Asuntos Exteriores recibió a su homólogo alemán en Madrid para hablar de "
    "la defensa europea y del apoyo a Ucrania, según informó el gobierno el lunes. " * 3,
    "Talks in Geneva.",
])  # fmt: skip
def test_other_or_short_texts_go_to_langdetect(text: str) -> None:
    assert not looks_english(text)
    assert detect_language(text) != "en" or len(text.split()) < 40


def test_control_characters_in_markup_do_not_break_the_fallback_parser() -> None:
    # lxml refuses NUL and other control characters in text nodes; 300 nested divs force
    # the fallback paragraph reader that once raised ValueError on them
    page = ("<html><body>" + "<div>" * 300
            + "<p>Seoul\x00 and\x0b Tokyo met.</p><script>x\x01</script>"
            + "</div>" * 300 + "</body></html>")
    article = clean_document(RawDocument(source="ctl.html", body=page, fmt="html"))
    assert "Seoul" in article.text and "\x00" not in article.text and "\x0b" not in article.text
