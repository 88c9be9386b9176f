"""Publication dates that a page states outside its metadata: date lines, datelines, URLs.

Three shapes recur across outlets: a line that holds only a date (with labels such as
"Published:" or "Updated"), a wire dateline opening the lead ("CAIRO, Nov 10 (EFE).-",
"KYIV, Oct 3 (Reuters) -"), and a URL path with the date in it (``/2024/05/04/``,
``/2025-10-19/``). Each is read only in that shape: a date inside a sentence is about
the news, not about the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
            r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?")
_ORD = r"(?:st|nd|rd|th)?"
# Month-name dates, day first or month first, with or without a year.
_MD = rf"(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
_DM = rf"(?P<d2>\d{{1,2}}){_ORD}\.?\s+(?P<m2>{MONTH}),?(?:\s+(?P<y2>(?:19|20)\d\d))?"
_ISO = r"(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})"
_DATE = re.compile(rf"(?<![\w]){_ISO}(?!\d)|(?<![\w]){_MD}(?![\w])|(?<![\w]){_DM}(?![\w])",
                   re.IGNORECASE)

# Every piece a date-and-time line may be made of; a line of nothing else is a date line.
_PIECES = re.compile(
    r"(?<![\w])(?:"
    r"(?:19|20)\d\d-\d{2}-\d{2}(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"|(?:gmt|utc)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[+-]\d{4}"
    rf"|\d{{1,4}}{_ORD}\.?|{MONTH}|{_WEEKDAY}"
    r"|a\.m\.|p\.m\.|am|pm|gmt|utc|[a-z]{1,3}[sd]t|ist|kst|jst|cet|wib|hkt|sgt|msk"
    r"|ago|an?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?"
    r"|yesterday|today|just|now|local time)(?![\w])",
    re.IGNORECASE,
)
_HAS_TIME_WORD = re.compile(r"\d|\bago\b|\byesterday\b|\btoday\b", re.IGNORECASE)
_LEFTOVER = " ,.|/•·–—-:;()[]\t"

# A wire dateline: PLACE[, PLACE] [(AGENCY)] DATE [(AGENCY) | /AGENCY/ | – AGENCY.] then a dash.
_PLACE = r"[A-Z][A-Za-z'’.\-]+(?:[ /][A-Z][A-Za-z'’.\-]+){0,3}(?:\s*/[A-Za-z ]{2,30}/)?"
_AGENCY = r"(?:\([A-Z][\w/ .&-]{1,30}\)|/\s*[A-Z][\w ]{1,20}\s*/|[–—-]\s*[A-Z][\w ]{1,25}\.)"
_SEP = r"(?:\.-|[-–—:]|\.(?=\s)|$)"
_DATELINE = re.compile(
    rf"^\(?{_PLACE}\)?(?:,\s*{_PLACE})?\s*,?\s*(?:{_AGENCY}\s*,?\s*)?(?:\[[A-Za-z ]+\]\s*,?\s*)?"
    rf"(?P<date>{MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s+(?:19|20)\d\d)?"
    rf"|\d{{1,2}}{_ORD}\.?\s+{MONTH}(?:,?\s+(?:19|20)\d\d)?)"
    rf"\.?\s*(?:{_AGENCY}\s*{_SEP}?|{_SEP})",
    re.IGNORECASE,
)
_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"(?<![\d])((?:19|20)\d\d)-(\d{2})-(\d{2})(?![\d])"),
    re.compile(r"/((?:19|20)\d\d)(\d{2})(\d{2})(?:\d{4})?(?=[/_\-.A-Za-z]|$)"),
)
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/(?:\d{1,2}/)?")
_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)(?![\d])")


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTHS[word[:3].casefold()]


def first_date(text: str, *, year: int | None = None) -> date | None:
    """The first month-name or ISO date in ``text``; one without a year takes ``year``."""
    return date_at(text, year=year)[0]


def date_at(text: str, *, year: int | None = None) -> tuple[date | None, int]:
    """The first readable date in ``text`` and where it starts (``len(text)`` if none)."""
    for m in _DATE.finditer(text):
        g = m.groupdict()
        if g["y3"]:
            found = _valid(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        else:
            month, day = (g["m1"], g["d1"]) if g["m1"] else (g["m2"], g["d2"])
            y = int(g["y1"] or g["y2"] or year or 0)
            found = _valid(y, _month(month), int(day)) if y else None
        if found:
            return found, m.start()
    return None, len(text)


def full_dates(text: str) -> list[date]:
    """Every date with a year stated in ``text``."""
    found: list[date] = []
    for m in _DATE.finditer(text):
        if m["y1"] or m["y2"] or m["y3"]:
            d = first_date(m.group(0))
            if d:
                found.append(d)
    return found


def strip_labels(line: str, labels: Iterable[str]) -> str:
    """``line`` without the given label words (each optionally followed by a colon)."""
    for label in sorted(labels, key=len, reverse=True):
        line = re.sub(rf"(?<![\w]){re.escape(label)}(?![\w])\s*:?", " ", line,
                      flags=re.IGNORECASE)
    return line


def is_date_line(line: str, labels: Iterable[str]) -> bool:
    """True when ``line`` holds only a date or time, with labels such as "Published:"."""
    rest = strip_labels(line, labels)
    if not _HAS_TIME_WORD.search(rest):
        return False
    return not _PIECES.sub(" ", rest).strip(_LEFTOVER)


def dateline_date(paragraph: str, *, year: int | None) -> date | None:
    """The date of a wire dateline opening ``paragraph``; ``year`` when it gives none."""
    m = _DATELINE.match(paragraph[:160])
    return first_date(m.group("date"), year=year) if m else None


def url_date(url: str | None) -> date | None:
    """A full date in a URL's path (``/2024/05/04/``, ``-2025-07-11``, ``/20250401``)."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            found = _valid(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found
    return None


def url_year(url: str | None) -> int | None:
    """The year of a URL path that files articles by year (``/2024/`` or ``/2024/05/``)."""
    m = _URL_YEAR.search(url.split("?", 1)[0]) if url else None
    return int(m[1]) if m else None


def latest_year(text: str, *, until: int) -> int | None:
    """The latest four-digit year mentioned in ``text`` that is not after ``until``."""
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= until]
    return max(years, default=None)
