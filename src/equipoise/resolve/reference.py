"""A reference date for articles that carry no publication date.

Scraped pages often lose their date. The text still bounds it: the office holders it
names with their titles were in office at the time ("Prime Minister Sanae Takaichi" puts
it after 21 October 2025), and day-and-month dates without a year ("on Nov. 13", "New
Year's Day") then fall on their first occurrence inside that term. The latest such day
is taken as the article's "now". Nothing is inferred without both clues.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from equipoise.actors.dictionary import ActorDictionary
from equipoise.models import Actor
from equipoise.resolve.dates import find_dates

# A text naming only open-ended terms is bounded by this many years after their start.
HORIZON_YEARS = 6


@dataclass(frozen=True, slots=True)
class Reference:
    """The inferred "now" of an undated article and the office window it came from."""

    day: date
    earliest: date
    latest: date
    because: str


def office_window(actors: Iterable[Actor], dictionary: ActorDictionary,
                  today: date) -> tuple[date, date, list[str]] | None:
    """The span in which every titled office holder named was in that office."""
    start, end, names = date.min, today, []
    for actor in actors:
        term = _term(actor, dictionary)
        if term is None:
            continue
        start, end = max(start, term[0]), min(end, term[1] or today)
        names.append(f"{actor.name} ({actor.title})")
    if not names or start > end:
        return None
    return start, end, names


def _term(actor: Actor, dictionary: ActorDictionary) -> tuple[date, date | None] | None:
    if not actor.name or not actor.title:
        return None
    rows = [p for p in dictionary.people if p.name == actor.name
            and p.title.casefold() == actor.title.casefold() and p.start is not None]
    if len(rows) != 1:
        return None
    assert rows[0].start is not None
    return rows[0].start, rows[0].end


def infer_reference(text: str, actors: Iterable[Actor], dictionary: ActorDictionary, *,
                    today: date | None = None) -> Reference | None:
    """The latest year-less day named in ``text``, placed inside the office window."""
    window = office_window(actors, dictionary, today or date.today())
    if window is None:
        return None
    start, end, names = window
    if (end - start).days > 366 * HORIZON_YEARS:
        return None
    days = [m.date for m in find_dates(text, start - timedelta(days=1), prefer="future",
                                       tense_cues=False)
            if m.kind == "absolute" and m.precision == "day" and m.date is not None
            and not _has_year(m.text) and start <= m.date <= end]
    if not days:
        return None
    because = f"dates in the text within the terms of {', '.join(names)}"
    return Reference(max(days), start, end, because)


def _has_year(expression: str) -> bool:
    return any(part.isdigit() and len(part) == 4 for part in expression.replace(",", " ").split())
