"""Non-article lines of news pages: bylines, date lines, share buttons, captions, banners.

Every outlet words its page furniture differently, but the shapes recur: a byline is
"By" and names, a date line holds nothing but a date, a share list nothing but
platform names, a photo caption ends with a credit ("EFE/EPA/NAME", "(ABC News:
Name)") or opens with "FILE PHOTO". A line is dropped only when its whole shape says
so, so a sentence of news is never lost. Before the lead (the first paragraph that
reads as prose) two more shapes are furniture: Title Case labels without a sentence
("KEY POINTS", an author's name, an outlet's name) and lines in another script.
The cue words live in ``data/page_junk.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from equipoise.errors import DataFileError
from equipoise.ingest._boilerplate import Boilerplate
from equipoise.ingest._text_dates import is_date_line

_FILE = "page_junk.toml"
_LISTS = ("share_words", "caption_openers", "caption_markers", "agencies", "byline_openers",
          "date_labels", "publish_labels", "update_labels", "lead_markers", "cookie_words",
          "consent_words", "minor_words")
_MARKER = re.compile(r"^(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])\s+")
_TERMINAL = tuple(".!?\"”’»")
_LEAD_MIN_WORDS, _LEAD_LONG_WORDS = 8, 20
_LABEL_MAX_WORDS = 15
_HEADLINE_MIN_WORDS = 4
_BYLINE_MAX_WORDS = 16
_COOKIE_MAX_WORDS = 80
_WORD = re.compile(r"[^\s,;|/•·]+")
_LATIN = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")
# "Hotline: 010-85061466", "Tel: +44 20 ...": a label and a number, no sentence.
_FIELD = re.compile(r"^[^:.!?]{1,40}:\s*[\d\s+()./-]{5,}$")
# "... EFE/EPA/JUSTIN LANE", "... REUTERS/Name/File Photo": an agency, a slash, names.
_CREDIT_AGENCY_FIRST = re.compile(
    r"(?:^|[\s(])([A-Za-z]{2,})\s?/\s?([A-Z][^/]{0,40}(?:/[^/]{0,40})*)$")
# "... Name/REUTERS", "... /VCG", "... Ministry—AP", "Name / AP".
_CREDIT_AGENCY_LAST = re.compile(r"(?:/|[—–])\s?([A-Za-z]{2,})\s*\)?$")
# "(PA)", "(AFP/Reuters)", "–IANS": an agency credit on a line of its own.
_LONE_CREDIT = re.compile(r"\(([A-Za-z/ ]{2,30})\)\.?|[–—-]\s*([A-Za-z/ ]{2,30})")
# "... (ABC News: Luke Stephenson)", "(State Border Guard Service via AP)".
_CREDIT_PARENS = re.compile(r"\(([^()]{2,80})(?::|\bvia\b|\bphoto\b)\s*([^()]{0,60})\)$",
                            re.IGNORECASE)


# "Harbour Post- AP: ", "Coast Times/AFP: ": an outlet's name, a dash or slash, a wire
# agency and a colon before the lead's first sentence (a dateline ends with a dash, not a
# colon, and keeps its place name).
_SOURCE_CREDIT = re.compile(
    r"^((?:[A-Z][\w.'&]*\s?){1,4})\s*[-–—/]\s*\(?([A-Za-z]{2,12})\)?\s*:\s+(?=[A-Z\"“'])")


@dataclass(frozen=True, slots=True)
class JunkCues:
    """The cue words of ``data/page_junk.toml`` (see that file for what each list is)."""

    share_words: frozenset[str]
    caption_openers: tuple[str, ...]
    caption_markers: tuple[str, ...]
    agencies: frozenset[str]
    byline_openers: tuple[str, ...]
    date_labels: tuple[str, ...]
    publish_labels: frozenset[str]
    update_labels: frozenset[str]
    lead_markers: tuple[str, ...]
    cookie_words: frozenset[str]
    consent_words: tuple[str, ...]
    minor_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line left out of the article, why (its shape), and where it stood."""

    text: str
    kind: str
    in_head: bool
    index: int


@dataclass(frozen=True, slots=True)
class Filtered:
    kept: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    lead: str | None
    lead_index: int | None = None

    @property
    def headline(self) -> str | None:
        """The first Title Case line of some length before the lead: the page's headline."""
        return next((d.text for d in self.dropped if d.in_head and d.kind == "label"
                     and len(d.text.split()) >= _HEADLINE_MIN_WORDS), None)


def parse_cues(raw: dict[str, Any], where: str) -> JunkCues:
    """Check the cue file's schema: every list present, non-empty, lower-case strings."""
    unknown = sorted(set(raw) - set(_LISTS))
    if unknown:
        raise DataFileError(f"{where}: unknown keys {unknown}; expected {list(_LISTS)}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LISTS:
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            raise DataFileError(f"{where}: '{key}' must be a non-empty list of strings")
        bad = [v for v in value if not isinstance(v, str) or v != " ".join(v.split()).lower()
               or not v]
        if bad:
            raise DataFileError(f"{where}: '{key}' has entries that are not lower-case "
                                f"single-spaced strings: {bad[:3]}")
        lists[key] = tuple(value)
    return JunkCues(
        share_words=frozenset(lists["share_words"]), caption_openers=lists["caption_openers"],
        caption_markers=lists["caption_markers"], agencies=frozenset(lists["agencies"]),
        byline_openers=lists["byline_openers"], date_labels=lists["date_labels"],
        publish_labels=frozenset(lists["publish_labels"]),
        update_labels=frozenset(lists["update_labels"]), lead_markers=lists["lead_markers"],
        cookie_words=frozenset(lists["cookie_words"]), consent_words=lists["consent_words"],
        minor_words=frozenset(lists["minor_words"]),
    )


@functools.cache
def default_cues() -> JunkCues:
    """The shipped cue words."""
    text = resources.files("equipoise.data").joinpath(_FILE).read_text("utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"shipped {_FILE}: not valid TOML ({exc})") from exc
    return parse_cues(raw, f"shipped {_FILE}")


def bare(line: str) -> str:
    """``line`` without a leading list marker ("•", "-", "1.")."""
    return _MARKER.sub("", line.strip())


def strip_lead_marker(line: str, cues: JunkCues) -> str:
    """``line`` without an opening "(UPDATED)" or "BREAKING:" when more text follows, and
    without an outlet's credit of a wire story ("Harbour Post- AP: Chile's foreign
    minister ...", "Daily Star/AFP: ..."), whose outlet would read as a party."""
    low = line.casefold()
    for marker in cues.lead_markers:
        if low.startswith(marker + " ") and line[len(marker):].strip():
            return line[len(marker):].lstrip(" -–—:")
    credit = _SOURCE_CREDIT.match(line)
    if credit is not None and credit.group(2).casefold() in cues.agencies:
        return line[credit.end():]
    return line


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_share_list(line: str, cues: JunkCues) -> bool:
    words = [w.casefold().strip(".:!()[]").removeprefix("icon-") for w in _words(line)]
    words = [w for w in words if w]
    return bool(words) and all(w in cues.share_words for w in words)


def is_caption(line: str, cues: JunkCues) -> bool:
    low = line.casefold()
    if low.startswith(cues.caption_openers) or any(m in low for m in cues.caption_markers):
        return True
    lone = _LONE_CREDIT.fullmatch(line)
    credit = lone and (lone[1] or lone[2])
    if credit and all(part.strip().casefold() in cues.agencies for part in credit.split("/")):
        return True
    if line.endswith(_TERMINAL):
        return False
    first = _CREDIT_AGENCY_FIRST.search(line)
    if first and first[1].casefold() in cues.agencies and _is_name_run(first[2], cues):
        return True
    last = _CREDIT_AGENCY_LAST.search(line)
    if last and last[1].casefold() in cues.agencies:
        return True
    m = _CREDIT_PARENS.search(line)
    return bool(m and _is_name_run(m[2] or m[1], cues))


def _is_name_run(text: str, cues: JunkCues) -> bool:
    """Capitalised words only (minor words aside): names, outlets, agencies."""
    words = [w.strip(".,;:()'’\"") for w in _words(text)]
    words = [w for w in words if w]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.casefold() in
                               cues.minor_words for w in words)


def is_byline(line: str, cues: JunkCues) -> bool:
    text = line.strip("() ")
    low = text.casefold()
    opener = next((o for o in sorted(cues.byline_openers, key=len, reverse=True)
                   if low.startswith(o + " ")), None)
    if opener is None or len(_words(text)) > _BYLINE_MAX_WORDS or text.endswith(_TERMINAL[1:]):
        return False
    rest = text[len(opener):].strip()
    return bool(rest) and rest[0].isupper() and _is_name_run(rest, cues)


def is_cookie_banner(line: str, cues: JunkCues) -> bool:
    low = line.casefold()
    words = set(re.findall(r"[a-z]+", low))
    return (bool(words & cues.cookie_words) and any(c in low for c in cues.consent_words)
            and len(_words(line)) <= _COOKIE_MAX_WORDS)


def is_label(line: str, cues: JunkCues) -> bool:
    """Title Case or capitals without a sentence: a heading, a name, an outlet."""
    if line.endswith(_TERMINAL) or len(_words(line)) > _LABEL_MAX_WORDS:
        return False
    words = [w.strip(".,;:()'’\"‘“”!?") for w in _words(line)]
    content = [w for w in words if w and w.casefold() not in cues.minor_words]
    return bool(content) and any(w[0].isupper() for w in content) and _is_name_run(line, cues)


def is_other_script(line: str) -> bool:
    return not _LATIN.search(line) and bool(_OTHER_LETTER.search(line))


def kind_anywhere(line: str, cues: JunkCues, boilerplate: Boilerplate) -> str | None:
    """Why ``line`` is not article text wherever it stands, or None when it may be."""
    text = bare(line)
    if not text or boilerplate.is_boilerplate(text):
        return "boilerplate"
    checks = (("share", is_share_list), ("caption", is_caption), ("byline", is_byline),
              ("cookie", is_cookie_banner))
    for kind, check in checks:
        if check(text, cues):
            return kind
    if is_date_line(text, cues.date_labels):
        return "date"
    return None


def kind_in_head(line: str, cues: JunkCues) -> str | None:
    """Why a line before the lead is furniture, beyond the shapes found anywhere."""
    text = bare(line)
    if is_other_script(text):
        return "script"
    if _FIELD.match(text):
        return "field"
    return "label" if is_label(text, cues) else None


def is_lead(line: str) -> bool:
    """A paragraph that reads as prose: long enough and ending as a sentence does."""
    n = len(bare(line).split())
    return n >= _LEAD_LONG_WORDS or (n >= _LEAD_MIN_WORDS and line.endswith((*_TERMINAL, ")")))


def filter_lines(paras: list[str], cues: JunkCues, boilerplate: Boilerplate) -> Filtered:
    """The article's paragraphs without page furniture, and what was left out."""
    kinds = [kind_anywhere(p, cues, boilerplate) for p in paras]
    lead_at = next((i for i, (p, k) in enumerate(zip(paras, kinds, strict=True))
                    if k is None and is_lead(p)), None)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        in_head = lead_at is not None and i < lead_at
        if kind is None and in_head:
            kind = kind_in_head(para, cues)
        if kind is None:
            kept.append(strip_lead_marker(para, cues))
        else:
            dropped.append(Dropped(para, kind, in_head or lead_at is None, i))
    lead = strip_lead_marker(paras[lead_at], cues) if lead_at is not None else None
    return Filtered(tuple(kept), tuple(dropped), lead, lead_at)
