"""Date expressions resolved against the publication date (equipoise.resolve.dates)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.errors import DataFileError
from equipoise.resolve.dates import DateMention, find_dates, load_lexicon, resolve_one

WED = "2026-01-14"  # a Wednesday; most rows are published on it

# text, published, prefer, expected span, expected date, precision, kind
ROWS: list[tuple[str, str | None, str, str, str | None, str, str]] = [
    # weekdays: the one within the six days before publication, or publication day
    ("on Tuesday", WED, "past", "Tuesday", "2026-01-13", "day", "weekday"),
    ("early Wednesday", WED, "past", "Wednesday", "2026-01-14", "day", "weekday"),
    ("late on Thursday", WED, "past", "Thursday", "2026-01-08", "day", "weekday"),
    ("on Thursday", WED, "future", "Thursday", "2026-01-15", "day", "weekday"),
    ("on Wednesday", WED, "future", "Wednesday", "2026-01-14", "day", "weekday"),
    ("last Wednesday", WED, "past", "last Wednesday", "2026-01-07", "day", "weekday"),
    ("next Wednesday", WED, "past", "next Wednesday", "2026-01-21", "day", "weekday"),
    ("this coming Friday", WED, "past", "this coming Friday", "2026-01-16", "day", "weekday"),
    ("on Saturday", "2026-01-17", "past", "Saturday", "2026-01-17", "day", "weekday"),
    ("on Saturday", WED, "past", "Saturday", "2026-01-10", "day", "weekday"),
    ("on Sunday", "2023-01-01", "past", "Sunday", "2023-01-01", "day", "weekday"),
    ("on Monday", "2023-01-01", "past", "Monday", "2022-12-26", "day", "weekday"),
    ("on sunday night", WED, "past", "sunday", "2026-01-11", "day", "weekday"),
    # month and day without a year: closest before (or after) publication
    ("on Nov. 13", WED, "past", "Nov. 13", "2025-11-13", "day", "absolute"),
    ("on Nov. 13", WED, "future", "Nov. 13", "2026-11-13", "day", "absolute"),
    ("Jan. 13", WED, "past", "Jan. 13", "2026-01-13", "day", "absolute"),
    ("Jan. 14", WED, "past", "Jan. 14", "2026-01-14", "day", "absolute"),
    ("Jan. 15", WED, "past", "Jan. 15", "2025-01-15", "day", "absolute"),
    ("November 13", WED, "past", "November 13", "2025-11-13", "day", "absolute"),
    ("13 November", WED, "past", "13 November", "2025-11-13", "day", "absolute"),
    ("Nov 13th", WED, "past", "Nov 13th", "2025-11-13", "day", "absolute"),
    ("on the 13th of November", WED, "past", "13th of November", "2025-11-13", "day", "absolute"),
    ("NOV. 13", WED, "past", "NOV. 13", "2025-11-13", "day", "absolute"),
    ("Sept. 9", WED, "past", "Sept. 9", "2025-09-09", "day", "absolute"),
    ("May 4", WED, "past", "May 4", "2025-05-04", "day", "absolute"),
    ("on Dec. 30", "2026-01-02", "past", "Dec. 30", "2025-12-30", "day", "absolute"),
    ("on Dec. 30", "2026-01-02", "future", "Dec. 30", "2026-12-30", "day", "absolute"),
    ("on Jan. 2", "2025-12-30", "future", "Jan. 2", "2026-01-02", "day", "absolute"),
    # leap days
    ("Feb. 29", WED, "past", "Feb. 29", "2024-02-29", "day", "absolute"),
    ("Feb. 29", "2024-03-01", "past", "Feb. 29", "2024-02-29", "day", "absolute"),
    ("Feb. 29", "2024-02-28", "past", "Feb. 29", "2020-02-29", "day", "absolute"),
    ("Feb. 29", "2024-03-01", "future", "Feb. 29", "2028-02-29", "day", "absolute"),
    ("Feb. 29, 2024", WED, "past", "Feb. 29, 2024", "2024-02-29", "day", "absolute"),
    # full dates
    ("13 January 2026", WED, "past", "13 January 2026", "2026-01-13", "day", "absolute"),
    ("on Nov. 13, 2019", WED, "past", "Nov. 13, 2019", "2019-11-13", "day", "absolute"),
    ("2026-01-13", WED, "past", "2026-01-13", "2026-01-13", "day", "absolute"),
    ("on Tuesday, Jan. 13", WED, "past", "Tuesday, Jan. 13", "2026-01-13", "day", "absolute"),
    # months
    ("in May", WED, "past", "May", "2025-05-01", "month", "absolute"),
    ("in May", "2026-05-20", "past", "May", "2026-05-01", "month", "absolute"),
    ("in May", WED, "future", "May", "2026-05-01", "month", "absolute"),
    ("last May", "2026-05-20", "past", "last May", "2025-05-01", "month", "absolute"),
    ("next March", WED, "past", "next March", "2026-03-01", "month", "absolute"),
    ("since March", WED, "past", "March", "2025-03-01", "month", "absolute"),
    ("by mid-March", WED, "past", "March", "2025-03-01", "month", "absolute"),
    ("January 2026", WED, "past", "January 2026", "2026-01-01", "month", "absolute"),
    ("in Dec. 2025", WED, "past", "Dec. 2025", "2025-12-01", "month", "absolute"),
    # relative to publication
    ("yesterday", WED, "past", "yesterday", "2026-01-13", "day", "relative"),
    ("Today", WED, "past", "Today", "2026-01-14", "day", "relative"),
    ("tomorrow", WED, "past", "tomorrow", "2026-01-15", "day", "relative"),
    ("the day before yesterday", WED, "past", "the day before yesterday", "2026-01-12", "day",
     "relative"),
    ("last night", WED, "past", "last night", "2026-01-13", "day", "relative"),
    ("last week", WED, "past", "last week", "2026-01-07", "week", "relative"),
    ("this week", WED, "past", "this week", "2026-01-14", "week", "relative"),
    ("next week", WED, "past", "next week", "2026-01-21", "week", "relative"),
    ("earlier this week", WED, "past", "earlier this week", "2026-01-14", "week", "relative"),
    ("last month", WED, "past", "last month", "2025-12-01", "month", "relative"),
    ("last month", "2026-03-31", "past", "last month", "2026-02-01", "month", "relative"),
    ("earlier this month", WED, "past", "earlier this month", "2026-01-01", "month", "relative"),
    ("later this month", WED, "past", "later this month", "2026-01-01", "month", "relative"),
    ("next month", "2025-12-15", "past", "next month", "2026-01-01", "month", "relative"),
    ("Last year", WED, "past", "Last year", "2025-01-01", "year", "relative"),
    ("next year", WED, "past", "next year", "2027-01-01", "year", "relative"),
    ("over the weekend", WED, "past", "over the weekend", "2026-01-10", "week", "relative"),
    ("last weekend", "2026-01-17", "past", "last weekend", "2026-01-10", "week", "relative"),
    ("three days ago", WED, "past", "three days ago", "2026-01-11", "day", "relative"),
    ("two weeks ago", WED, "past", "two weeks ago", "2025-12-31", "week", "relative"),
    ("a month ago", WED, "past", "a month ago", "2025-12-01", "month", "relative"),
    ("five years ago", WED, "past", "five years ago", "2021-01-01", "year", "relative"),
    # holidays
    ("on New Year's Day", WED, "past", "New Year's Day", "2026-01-01", "day", "absolute"),
    ("on New Year’s Day", "2025-12-30", "past", "New Year’s Day", "2025-01-01", "day", "absolute"),
    ("on Christmas Eve", WED, "past", "Christmas Eve", "2025-12-24", "day", "absolute"),
    # years, decades, centuries
    ("in 2022", "2023-01-01", "past", "2022", "2022-01-01", "year", "absolute"),
    ("since 2017", WED, "past", "2017", "2017-01-01", "year", "absolute"),
    ("in early 2022", WED, "past", "2022", "2022-01-01", "year", "absolute"),
    ("until mid-2025", WED, "past", "2025", "2025-01-01", "year", "absolute"),
    ("the annexation in 1910", WED, "past", "1910", "1910-01-01", "year", "absolute"),
    ("the 1990s", WED, "past", "1990s", "1990-01-01", "year", "period"),
    ("the late 1990s", WED, "past", "late 1990s", "1997-01-01", "year", "period"),
    ("the '80s", WED, "past", "'80s", "1980-01-01", "year", "period"),
    ("in the early 20th century", WED, "past", "early 20th century", "1901-01-01", "year",
     "period"),
    ("the nineteenth century", WED, "past", "nineteenth century", "1801-01-01", "year", "period"),
    ("the 21st century", WED, "past", "21st century", "2001-01-01", "year", "period"),
    # offsets from another event: no date of their own
    ("the day before", WED, "past", "the day before", None, "day", "offset"),
    ("a week after", WED, "past", "a week after", None, "week", "offset"),
    ("six days after", WED, "past", "six days after", None, "day", "offset"),
    ("two days later", WED, "past", "two days later", None, "day", "offset"),
    ("three weeks earlier", WED, "past", "three weeks earlier", None, "week", "offset"),
    ("the next day", WED, "past", "the next day", None, "day", "offset"),
    ("a year later", WED, "past", "a year later", None, "year", "offset"),
    # no publication date: found, resolved only when the text itself has a year
    ("on Tuesday", None, "past", "Tuesday", None, "day", "weekday"),
    ("Nov. 13", None, "past", "Nov. 13", None, "day", "absolute"),
    ("13 January 2026", None, "past", "13 January 2026", "2026-01-13", "day", "absolute"),
    ("last week", None, "past", "last week", None, "week", "relative"),
    ("in May", None, "past", "May", None, "month", "absolute"),
    ("the 1990s", None, "past", "1990s", "1990-01-01", "year", "period"),
    ("in 2022", None, "past", "2022", "2022-01-01", "year", "absolute"),
    # sentences: tense words in the same sentence choose the direction
    ("The summit will be held on March 3.", WED, "past", "March 3", "2026-03-03", "day",
     "absolute"),
    ("The treaty was signed on March 3.", WED, "past", "March 3", "2025-03-03", "day",
     "absolute"),
    ("Lee will visit Tokyo on Thursday, his office said on Monday.", WED, "past", "Thursday",
     "2026-01-15", "day", "weekday"),
    ("Lee will visit Tokyo on Thursday, his office said on Monday.", WED, "past", "Monday",
     "2026-01-12", "day", "weekday"),
    ("On Friday, the ministers will meet in Seoul.", WED, "past", "Friday", "2026-01-16", "day",
     "weekday"),
    ("Officials said talks may resume in May.", WED, "past", "May", "2025-05-01", "month",
     "absolute"),
    ("Talks will resume in May.", WED, "past", "May", "2026-05-01", "month", "absolute"),
    ("We'll meet again on Friday.", WED, "past", "Friday", "2026-01-16", "day", "weekday"),
    ("The deal will be signed on Friday.", WED, "past", "Friday", "2026-01-16", "day", "weekday"),
    ("The deal was signed on Friday.", WED, "past", "Friday", "2026-01-09", "day", "weekday"),
    ("LAST WEEK", WED, "past", "LAST WEEK", "2026-01-07", "week", "relative"),
    ("Shots were fired at 2:50 a.m. on Sunday.", WED, "past", "Sunday", "2026-01-11", "day",
     "weekday"),
    ("The March 1st Movement began in 1919.", WED, "past", "March 1st", "2025-03-01", "day",
     "absolute"),
    ("The March 1st Movement began in 1919.", WED, "past", "1919", "1919-01-01", "year",
     "absolute"),
]  # fmt: skip


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _only(mentions: list[DateMention], span: str) -> DateMention:
    matching = [m for m in mentions if m.text == span]
    assert len(matching) == 1, f"{span!r} not found once in {mentions}"
    return matching[0]


@pytest.mark.parametrize(("text", "published", "prefer", "span", "expected", "precision", "kind"),
                         ROWS)  # fmt: skip
def test_resolves_expression(
    text: str, published: str | None, prefer: str, span: str, expected: str | None,
    precision: str, kind: str,
) -> None:  # fmt: skip
    mentions = find_dates(text, _day(published), prefer=prefer)  # type: ignore[arg-type]
    m = _only(mentions, span)
    assert (m.date, m.precision, m.kind) == (_day(expected), precision, kind)
    assert text[m.start : m.end] == m.text


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 80


@pytest.mark.parametrize(
    ("text", "offset"),
    [("the day before", -1), ("the day after", 1), ("a week after", 7), ("six days after", 6),
     ("two days later", 2), ("three weeks earlier", -21), ("the next day", 1),
     ("the following week", 7), ("the previous day", -1), ("the same day", 0),
     ("10 days before", -10), ("a year later", 365), ("a month earlier", -30)],
)  # fmt: skip
def test_offsets_count_days(text: str, offset: int) -> None:
    m = resolve_one(text, date(2026, 1, 14))
    assert m is not None and m.kind == "offset" and m.date is None
    assert m.offset_days == offset


@pytest.mark.parametrize(
    "text",
    ["It may take years", "May offer little", "Theresa May said so", "for 48 hours",
     "at 6:50 p.m.", "2:50 a.m.", "The Sunday Times reported", "the Good Friday Agreement",
     "USA Today reported", "a total of 1500 troops", "Feb. 29, 2023", "Nov. 31", "Nov 13:45",
     "growth of 3.5 percent", "a man in his 60s", "markets close on Tuesdays",
     "the 19th Party Congress", "they march on", "the days after the vote", "", "   "],
)  # fmt: skip
def test_no_false_mentions(text: str) -> None:
    assert find_dates(text, date(2026, 1, 14)) == []


@pytest.mark.parametrize(
    ("text", "published", "historical"),
    [("in 2022", "2023-01-01", True), ("in 2022", "2023-06-01", True),
     ("in 2026", WED, False), ("the 1990s", WED, True), ("the 2020s", WED, False),
     ("since 2017", WED, True), ("last year", WED, False), ("Nov. 13, 2019", WED, True),
     ("Nov. 13", WED, False), ("five years ago", WED, True), ("early 20th century", WED, True),
     ("the 21st century", WED, False), ("May 2024", WED, True), ("in May", WED, False),
     ("in 2022", None, False)],
)  # fmt: skip
def test_historical_flag(text: str, published: str | None, historical: bool) -> None:
    m = resolve_one(text, _day(published))
    assert m is not None and m.historical is historical


def test_sentence_offsets_and_order() -> None:
    text = (
        "SEOUL, Jan. 14 -- President Lee met Prime Minister Takaichi in Nara on Tuesday, "
        "a week after talks in Beijing. They last met in May, and agreed to meet again next "
        "month. Ties soured in the early 20th century, and since 2017 trade has grown."
    )
    mentions = find_dates(text, date(2026, 1, 14))
    assert [m.text for m in mentions] == [
        "Jan. 14", "Tuesday", "a week after", "May", "next month", "early 20th century", "2017",
    ]  # fmt: skip
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert [m.date for m in mentions if m.kind == "weekday"] == [date(2026, 1, 13)]


def test_tense_cues_can_be_switched_off() -> None:
    text = "The summit will be held on March 3."
    m = resolve_one(text, date(2026, 1, 14), tense_cues=False)
    assert m is not None and m.date == date(2025, 3, 3)
    m = resolve_one(text, date(2026, 1, 14), prefer="future", tense_cues=False)
    assert m is not None and m.date == date(2026, 3, 3)


def test_resolve_one_picks_longest_and_none_for_no_date() -> None:
    assert resolve_one("no date in here", date(2026, 1, 14)) is None
    m = resolve_one("the day before yesterday", date(2026, 1, 14))
    assert m is not None and m.date == date(2026, 1, 12)


def test_bad_prefer_is_rejected() -> None:
    with pytest.raises(ValueError, match="prefer"):
        find_dates("on Tuesday", date(2026, 1, 14), prefer="sideways")  # type: ignore[arg-type]


def _shipped_text() -> str:
    return Path(__file__).parents[2].joinpath("src/equipoise/data/dates.toml").read_text("utf-8")


def test_user_lexicon_extends_words(tmp_path: Path) -> None:
    path = tmp_path / "dates.toml"
    path.write_text(_shipped_text().replace("Sunday = 6", "Sunday = 6\nTues = 1"), "utf-8")
    lexicon = load_lexicon(path)
    m = resolve_one("on Tues", date(2026, 1, 14), lexicon=lexicon)
    assert m is not None and m.date == date(2026, 1, 13)
    assert resolve_one("on Tues", date(2026, 1, 14)) is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [("January = 1", "January = 13", "integer 1..12"), ("version = 1", "version = 2", "version"),
     ('"Christmas Eve" = "12-24"', '"Christmas Eve" = "12-32"', "MM-DD"),
     ("[weekdays]", "[weekdayz]", "[weekdays]"), ("future = [", "future = 3\nx = [", "future"),
     ("[months]", "[months", "not valid TOML")],
)  # fmt: skip
def test_broken_lexicon_is_reported(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = tmp_path / "dates.toml"
    text = _shipped_text()
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(DataFileError, match=message.replace("[", r"\[").replace(".", r"\.")):
        load_lexicon(path)


def test_missing_lexicon_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_lexicon(tmp_path / "nope.toml")


_PIECES = st.sampled_from(
    ["on Tuesday", "Nov. 13", "May", "in May", " 2022", "the day before", "last week", "'90s",
     "Feb. 29", "20th century", "will", "said", ". ", ", ", "\n", "13 January", "ago", "three"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.one_of(st.text(max_size=12), _PIECES), max_size=12).map("".join),
    published=st.none() | st.dates(),
    prefer=st.sampled_from(["past", "future"]),
)
def test_never_raises_and_offsets_stay_inside(
    text: str, published: date | None, prefer: str
) -> None:
    mentions = find_dates(text, published, prefer=prefer)  # type: ignore[arg-type]
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
