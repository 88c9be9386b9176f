"""Raw documents to cleaned articles: main text, title, date and language.

HTML goes through trafilatura, then the same normalisation and boilerplate filter as
plain text, so one article gives the same text whichever way it arrives. Rule for
titles: the title is kept in ``Article.title``, never as the text's first paragraph
(a leading paragraph that repeats it is dropped), so evidence offsets do not depend
on whether a source repeated its headline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from importlib import resources

import lxml.etree
import lxml.html
import trafilatura
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from equipoise.errors import ConfigError, InputError
from equipoise.ingest._boilerplate import Boilerplate, default_boilerplate
from equipoise.ingest._dates import parse_published
from equipoise.ingest._html_text import stream_paragraphs
from equipoise.ingest._junk import default_cues, filter_lines, kind_anywhere
from equipoise.ingest._published import choose_published, text_date
from equipoise.ingest._text import drop_title, paragraphs
from equipoise.models import Article, RawDocument, content_hash

# langdetect is random by default; a fixed seed makes runs repeatable.
DetectorFactory.seed = 0

XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANGUAGE_SAMPLE_CHARS = 2000
# An accepted language this likely is preferred over a slightly likelier other one:
# names and quotes in a foreign language should not make an English article skipped.
_PREFERRED_MIN_PROB = 0.3
# The English shortcut: English news prose has 25-35 % of these words, other Latin-script
# languages under 5 %; mixed or short texts fall through to langdetect.
_MARKERS_FILE = "english_markers.txt"
_MIN_WORDS = 40
_MIN_MARKER_SHARE = 0.15
_MAX_NON_ASCII_SHARE = 0.02
_WORD = re.compile(r"[^\W\d_]+")
# Only dates marked up in the page are trusted, not ones guessed from its prose.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    title: str | None = None
    published: date | None = None


def clean_document(
    doc: RawDocument,
    *,
    default_published: date | None = None,
    languages: Collection[str] = ("en",),
    boilerplate: Boilerplate | None = None,
    max_chars: int | None = None,
) -> Article:
    """Clean one document; raise ``InputError`` when no article text is left.

    With ``max_chars`` the text is cut to at most that many characters, at a
    paragraph end when one lies in the second half of the allowance.
    """
    page = extract_html(doc.body) if doc.fmt == "html" else _Page(doc.body)
    cues, phrases = default_cues(), boilerplate or default_boilerplate()
    lines = filter_lines(paragraphs(page.text), cues, phrases)
    title = clean_title(doc.title or page.title)
    if title and kind_anywhere(title, cues, phrases):
        # A plain-text page's first line taken for its title was page furniture
        # ("Skip to main content"); the headline is the Title Case line before the lead.
        title = lines.headline
    text = _bounded("\n\n".join(drop_title(list(lines.kept), title)), max_chars)
    if not text:
        raise InputError(f"{doc.source}: no article text left after removing markup and "
                         "boilerplate; check that the file holds an article")
    today = date.today()
    published, published_source = choose_published(
        given=doc.published, html=page.published, url=doc.url,
        text=text_date(lines, cues, url=doc.url, today=today), default=default_published,
        today=today,
    )
    digest = content_hash(text)
    return Article(
        id=doc.id or digest,
        text=text,
        title=title,
        url=doc.url,
        published=published,
        outlet=doc.outlet,
        source=doc.source,
        language=detect_language(text, preferred=languages),
        content_hash=digest,
        published_source=published_source,
    )


def clean_title(title: str | None) -> str | None:
    """A title on one line without control or invisible characters (terminals show titles)."""
    if not title:
        return None
    return " ".join(" ".join(paragraphs(title)).split()) or None


def _bounded(text: str, max_chars: int | None) -> str:
    if max_chars is None or len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    end = cut.rfind("\n\n")
    return (cut[:end] if end >= max_chars // 2 else cut).rstrip()


def extract_html(html: str) -> _Page:
    """Main text, title and date of a page; ``<p>`` elements when trafilatura finds nothing."""
    html = XML_INCOMPATIBLE.sub("", html)  # lxml refuses NUL and control characters
    if not html.strip():
        return _Page("")
    result = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = getattr(result, "text", None) or ""
    title = getattr(result, "title", None) or None
    published = parse_published(getattr(result, "date", None))
    if not text.strip():
        text, fallback_title = _paragraph_text(html)
        title = title or fallback_title
    return _Page(text, title, published)


def _paragraph_text(html: str) -> tuple[str, str | None]:
    text, title = _tree_paragraphs(html)
    if text:
        return text, title
    # Deeply nested pages come back empty from libxml2; a flat parse still reads them.
    streamed, streamed_title = stream_paragraphs(html)
    return streamed, title or streamed_title


def _tree_paragraphs(html: str) -> tuple[str, str | None]:
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "", None
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    paras = [" ".join("".join(p.itertext()).split()) for p in root.iter("p")]
    title = root.findtext(".//title")
    return "\n".join(p for p in paras if p), (title.strip() or None) if title else None


def detect_language(text: str, *, preferred: Collection[str] = ("en",)) -> str | None:
    """ISO 639-1 code of ``text`` (first 2,000 characters); ``None`` when undecidable.

    Plainly English text is recognised by its function words without langdetect,
    which costs about 10 ms an article; doubtful texts still go to langdetect.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if "en" in preferred and looks_english(sample):
        return "en"
    try:
        guesses = detect_langs(sample)
    except LangDetectException:
        return None
    if not guesses:
        return None
    for guess in guesses:
        if guess.lang in preferred and guess.prob >= _PREFERRED_MIN_PROB:
            return str(guess.lang)
    return str(guesses[0].lang)


def looks_english(sample: str) -> bool:
    """True when at least 40 words, nearly all ASCII, with English function words frequent."""
    words = _WORD.findall(sample.casefold())
    if len(words) < _MIN_WORDS:
        return False
    if sum(not w.isascii() for w in words) > _MAX_NON_ASCII_SHARE * len(words):
        return False
    markers = english_markers()
    return sum(w in markers for w in words) >= _MIN_MARKER_SHARE * len(words)


@functools.cache
def english_markers() -> frozenset[str]:
    """The shipped English function words (``data/english_markers.txt``)."""
    text = resources.files("equipoise.data").joinpath(_MARKERS_FILE).read_text("utf-8")
    words = [line.strip() for line in text.splitlines()]
    words = [w for w in words if w and not w.startswith("#")]
    bad = [w for w in words if not (w.isascii() and w.isalpha() and w == w.lower())]
    if bad or not words:
        raise ConfigError(f"{_MARKERS_FILE}: expected one lower-case ASCII word per line, "
                          f"got {bad[:3] or 'nothing'}")
    return frozenset(words)
