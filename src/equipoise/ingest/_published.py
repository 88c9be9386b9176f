"""The publication date an article states when its input gives none, and where it came from.

Order of trust across sources: the input's own date; the page's metadata (trafilatura
reads it with htmldate); a full date in the URL path (the CMS files the article under
it); then what the text states. Within the text, a line labelled "Published" comes
first, then a wire dateline with its year, a plain date line, a dateline whose year
is taken from the URL or the text, and last a "last updated" line, refused when it
is more than a month after every date the article states (a page touched long after
the news). Only date lines before the lead and the lead's dateline are read: captions,
"related stories" lists and the body speak of other days. (A date line up to three
paragraphs after the lead still counts: some pages put a long deck first; a line
labelled "Published" counts wherever it stands, as some pages close with it.)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from equipoise.ingest._junk import Filtered, JunkCues
from equipoise.ingest._text_dates import (
    date_at,
    dateline_date,
    full_dates,
    latest_year,
    url_date,
    url_year,
)
from equipoise.models import DateSource

_UPDATE_SLACK = timedelta(days=31)
# A deck of one or two long sentences may precede the date line; later lines are body.
_TOP_AFTER_LEAD = 3


def _label_before(prefix: str, cues: JunkCues) -> str | None:
    """The date label nearest before a date ("Published: 3 May 2024" -> "published")."""
    low = prefix.casefold()
    found: list[tuple[int, int, str]] = []
    for label in cues.date_labels:
        ends = [m.end() for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", low)]
        if ends:
            found.append((ends[-1], len(label), label))
    return max(found)[2] if found else None


def _head_dates(filtered: Filtered, cues: JunkCues) -> tuple[list[date], list[date], list[date]]:
    """Dates of the date lines before the lead: labelled published, plain, updated."""
    published: list[date] = []
    plain: list[date] = []
    updated: list[date] = []
    top = (filtered.lead_index or 0) + _TOP_AFTER_LEAD
    for line in filtered.dropped:
        if line.kind != "date":
            continue
        found, at = date_at(line.text)
        if found is None:
            continue
        label = _label_before(line.text[:at], cues)
        if not (line.in_head or line.index <= top or label in cues.publish_labels):
            continue
        if label in cues.update_labels:
            updated.append(found)
        else:
            (published if label in cues.publish_labels else plain).append(found)
    return published, plain, updated


def text_date(filtered: Filtered, cues: JunkCues, *, url: str | None, today: date
              ) -> date | None:
    """The publication date the text states, by the order of trust in the module doc."""
    published, plain, updated = _head_dates(filtered, cues)
    lead = filtered.lead or ""
    body = "\n".join(filtered.kept)
    hint = (url_year(url) or next((d.year for d in published + plain), None)
            or latest_year(body, until=today.year))
    stated = dateline_date(lead, year=None)
    guessed = dateline_date(lead, year=hint) if hint else None
    latest_stated = max(full_dates(body), default=None)
    credible = [d for d in updated if latest_stated is None or d <= latest_stated + _UPDATE_SLACK]
    for candidate in (*published[:1], stated, *plain[:1], guessed, *credible[:1]):
        if candidate is not None and candidate <= today:
            return candidate
    return None


def choose_published(
    *,
    given: date | None,
    html: date | None,
    url: str | None,
    text: date | None,
    default: date | None,
    today: date,
) -> tuple[date | None, DateSource | None]:
    """The first date by trust and its source; dates after ``today`` are refused."""
    in_url = url_date(url)
    ranked: tuple[tuple[date | None, DateSource], ...] = (
        (given, "input"), (html, "html"), (in_url if in_url and in_url <= today else None, "url"),
        (text, "text"), (default, "default"),
    )
    for found, source in ranked:
        if found is not None:
            return found, source
    return None, None
