"""Word lists for date resolution and the regular expressions built from them.

The lists live in ``data/dates.toml`` (schema version 1); a user file with the same
keys can replace them. Each rule is a named pattern plus cheap substrings ("needles")
one of which must occur in a text before the pattern is run at all.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from equipoise.errors import DataFileError

Table = tuple[tuple[str, int], ...]
Cue = tuple[tuple[str, ...], bool]  # words of a tense phrase, and whether it is future


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """The word lists of ``dates.toml``; hashable so compiled rules can be cached."""

    months: Table
    weekdays: Table
    numbers: Table
    ordinals: Table
    relative_days: Table
    period_words: Table
    offset_directions: Table
    offset_anchors: Table
    holidays: tuple[tuple[str, int, int], ...]
    before_month: tuple[str, ...]
    before_year: tuple[str, ...]
    blockers_before: tuple[str, ...]
    blockers_after: tuple[str, ...]
    future_words: tuple[str, ...]
    past_words: tuple[str, ...]


def load_lexicon(path: str | Path | None = None) -> DateLexicon:
    """The shipped word lists, or those of a user TOML file with the same schema."""
    if path is None:
        return shipped_lexicon()
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise DataFileError(f"date word list {p}: cannot read it ({exc})") from exc
    return _parse_lexicon(text, str(p))


@lru_cache(maxsize=1)
def shipped_lexicon() -> DateLexicon:
    text = resources.files("equipoise.data").joinpath("dates.toml").read_text("utf-8")
    return _parse_lexicon(text, "shipped dates.toml")


def _parse_lexicon(text: str, where: str) -> DateLexicon:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{where}: not valid TOML ({exc})") from exc
    if raw.get("version") != 1:
        raise DataFileError(f"{where}: expected 'version = 1' at the top")
    context, blockers, tense = (
        _section(raw, k, where) for k in ("context", "weekday_blockers", "tense")
    )
    return DateLexicon(
        months=_int_table(raw, "months", where, 1, 12),
        weekdays=_int_table(raw, "weekdays", where, 0, 6),
        numbers=_int_table(raw, "numbers", where, 1, 1000),
        ordinals=_int_table(raw, "ordinals", where, 1, 30),
        relative_days=_int_table(raw, "relative_days", where, -7, 7),
        period_words=_int_table(raw, "period_words", where, -1, 1),
        offset_directions=_int_table(raw, "offset_directions", where, -1, 1),
        offset_anchors=_int_table(raw, "offset_anchors", where, -1, 1),
        holidays=_holidays(_section(raw, "holidays", where), where),
        before_month=_words(context, "before_month", where),
        before_year=_words(context, "before_year", where),
        blockers_before=_words(blockers, "before", where),
        blockers_after=_words(blockers, "after", where),
        future_words=_words(tense, "future", where),
        past_words=_words(tense, "past", where),
    )


def _section(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise DataFileError(f"{where}: missing or empty table [{key}]")
    return value


def _int_table(raw: Mapping[str, Any], key: str, where: str, lo: int, hi: int) -> Table:
    table = _section(raw, key, where)
    for name, value in table.items():
        if type(value) is not int or not lo <= value <= hi:
            raise DataFileError(f"{where}: [{key}] {name!r} must be an integer {lo}..{hi}")
    return tuple(table.items())


def _words(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise DataFileError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def _holidays(table: Mapping[str, Any], where: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name, value in table.items():
        found = re.fullmatch(r"(\d\d)-(\d\d)", value) if isinstance(value, str) else None
        month, day = (int(found[1]), int(found[2])) if found else (0, 0)
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise DataFileError(f'{where}: [holidays] {name!r} must be a date as "MM-DD"')
        out.append((name, month, day))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern and the substrings one of which any of its matches contains."""

    name: str
    regex: re.Pattern[str]
    needles: tuple[str, ...]
    folded: bool  # needles are looked up in the casefolded text

    def may_match(self, text: str, folded: str) -> bool:
        hay = folded if self.folded else text
        return any(n in hay for n in self.needles)


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything compiled from one lexicon."""

    lookup: Mapping[str, Mapping[str, int]]
    holidays: Mapping[str, tuple[int, int]]
    rules: tuple[Rule, ...]
    cues: Mapping[str, tuple[Cue, ...]]
    cue_suffixes: tuple[tuple[str, bool], ...]
    block_before: re.Pattern[str]
    block_after: re.Pattern[str]

    def value(self, table: str, word: str) -> int:
        return self.lookup[table][_fold(word, table)]

    def holiday(self, name: str) -> tuple[int, int]:
        return self.holidays[holiday_key(name)]


def _fold(word: str, table: str) -> str:
    if table == "months":
        return word.rstrip(".").title()
    return re.sub(r"\s+", " ", word.casefold())


def holiday_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.casefold()).replace("’", "'")


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first, tolerant of spacing and curly apostrophes."""
    parts = sorted(set(words), key=len, reverse=True)
    escaped = (re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in parts)
    return "|".join(escaped)


def _month_alt(months: Table) -> str:
    names = [n for n, _ in months]
    variants = []
    for name in names:
        # An abbreviation is a prefix of a longer name; it may carry a dot.
        is_abbr = any(o != name and o.startswith(name) for o in names)
        tail = r"(?:\.|\b)" if is_abbr else r"\b"
        variants += [re.escape(name) + tail, re.escape(name.upper()) + tail]
    return "(?P<mon>" + "|".join(sorted(variants, key=len, reverse=True)) + ")"


def _lead(*groups: Iterable[str]) -> str:
    """A lookahead on the first character: it lets ``re`` skip most positions quickly."""
    first = {w[0] for words in groups for w in words}
    chars = first | {c.upper() for c in first} | {c.lower() for c in first}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _keys(table: Table) -> tuple[str, ...]:
    return tuple(name for name, _ in table)


_W = r"(?<![\w-])"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w:])(?![.,]\d)(?!\s*(?:%|percent|per cent))"
_OPT_YEAR = r"(?:,?\s+(?P<year>1[89]\d\d|20\d\d)(?![\w:]))?"
_YEAR = r"(?P<year>1\d{3}|20\d\d)(?!\w)(?![.,]\d)"
# "a total of 1500 troops": a number before a plural noun is a count, not a year.
_COUNT_NOUN = r"(?!\s+(?!(?:was|has|is|as|its|this|thus|whereas)\b)[a-z]{2,}s\b)"
_DIGITS = tuple("0123456789")
_MODS = ("early", "mid", "late")
_QUOTES = ("'", "’")
_UNITS = r"(?P<unit>day|week|month|year|decade)(?P<plural>s?)"
_WD_REL = r"this\s+coming|this\s+past|last|next|this|coming|past"
# Month needles are case-sensitive (so "may" alone never wakes the month rules).
_CASE_SENSITIVE = frozenset({"iso", "month_day", "day_month", "month_year", "month", "year",
                             "decade"})  # fmt: skip


def _calendar_sources(lex: DateLexicon) -> list[tuple[str, str, tuple[str, ...]]]:
    mon, cap, names = _month_alt(lex.months), _lead(_keys(lex.months)), _keys(lex.months)
    months = tuple({n[:3] for n in names} | {n[:3].upper() for n in names})
    ordinals = _keys(lex.ordinals)
    return [
        ("iso", r"(?=\d)(?<![\w-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])", ("-",)),
        ("month_day", rf"{cap}(?<!\w){mon}\s*{_DAY}{_OPT_YEAR}", months),
        ("day_month", rf"(?=\d)(?<![\w.,$]){_DAY}\s+(?:of\s+)?{mon}{_OPT_YEAR}", months),
        ("month_year", rf"{cap}(?<!\w){mon},?\s+{_YEAR}", months),
        ("month", rf"{_lead(lex.before_month, _MODS)}{_W}"
                  rf"(?i:(?P<ctx>{_alt(lex.before_month)})\s+|mid-){mon}", months),
        ("year", rf"{_lead(lex.before_year, _MODS)}{_W}"
                 rf"(?i:(?P<ctx>{_alt(lex.before_year)})\s+|mid-){_YEAR}{_COUNT_NOUN}", _DIGITS),
        ("decade", rf"{_lead(_MODS, _DIGITS, _QUOTES)}(?<![\w'’])"
                   r"(?:(?i:(?P<mod>early|mid|late))[\s-]+)?(?P<dec>(?:1\d|20)\d0s|['’]\d0s)(?!\w)",
         ("0s",)),
        ("century", rf"{_lead(_MODS, _DIGITS, ordinals)}(?<!\w)(?:(?i:(?P<mod>early|mid|late))"
                    rf"[\s-]+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?i:(?P<word>{_alt(ordinals)})))"
                    r"[\s-]+(?i:century)(?!\w)", ("century",)),
        ("holiday", rf"{_lead(h[0] for h in lex.holidays)}(?<!\w)"
                    rf"(?i:(?P<holiday>{_alt(h[0] for h in lex.holidays)}))(?!\w)",
         tuple(h[0].split()[0] for h in lex.holidays)),
    ]  # fmt: skip


def _relative_sources(lex: DateLexicon) -> list[tuple[str, str, tuple[str, ...]]]:
    weekdays, phrases, numbers = _keys(lex.weekdays), _keys(lex.relative_days), _keys(lex.numbers)
    periods, directions = _keys(lex.period_words), _keys(lex.offset_directions)
    anchors = _keys(lex.offset_anchors)
    num = rf"(?P<n>\d{{1,3}}|{_alt(numbers)})"
    return [
        ("weekday", rf"{_lead(weekdays, ('this', 'last', 'next', 'coming', 'past'))}{_W}"
                    rf"(?:(?i:(?P<rel>{_WD_REL}))\s+)?(?i:(?P<wd>{_alt(weekdays)}))(?!\w)",
         weekdays),
        ("relative_day", rf"{_lead(phrases)}{_W}(?i:(?P<phrase>{_alt(phrases)}))(?!\w)",
         tuple(p.split()[-1] for p in phrases)),
        ("period", rf"{_lead(periods, ('earlier', 'later', 'early', 'late'))}{_W}"
                   r"(?:(?i:(?P<mod>earlier|later|early|late))\s+)?"
                   rf"(?i:(?P<rel>{_alt(periods)})\s+(?P<unit>week|month|year))(?!\w)",
         ("week", "month", "year")),
        ("weekend", rf"{_lead(('last', 'this', 'next', 'over', 'the'))}{_W}"
                    r"(?i:(?P<rel>last|this|next|over\s+the|the)\s+weekend)(?!\w)", ("weekend",)),
        ("ago", rf"{_lead(numbers, _DIGITS)}{_W}(?i:{num}\s+{_UNITS}\s+ago)(?!\w)", ("ago",)),
        ("offset", rf"{_lead(numbers, _DIGITS, ('the',))}{_W}(?i:(?:the|{num})\s+{_UNITS}\s+"
                   rf"(?P<dir>{_alt(directions)}))(?!\w)", directions),
        ("anchor", rf"(?=[tT]){_W}(?i:the\s+(?P<anchor>{_alt(anchors)})\s+"
                   r"(?P<unit>day|week|month|year))(?!\w)", anchors),
    ]  # fmt: skip


def _cue_index(lex: DateLexicon) -> Mapping[str, tuple[Cue, ...]]:
    """Tense words and phrases by their first word, longest phrase first."""
    index: dict[str, list[Cue]] = {}
    for words, future in ((lex.future_words, True), (lex.past_words, False)):
        for phrase in words:
            tokens = tuple(phrase.casefold().split())
            if tokens[0][0].isalnum():
                index.setdefault(tokens[0], []).append((tokens, future))
    return {k: tuple(sorted(v, key=lambda c: -len(c[0]))) for k, v in index.items()}


def _cue_suffixes(lex: DateLexicon) -> tuple[tuple[str, bool], ...]:
    """Contractions such as "'ll", matched at the end of a word."""
    pairs = [(w, True) for w in lex.future_words] + [(w, False) for w in lex.past_words]
    return tuple((w.casefold().replace("’", "'"), f) for w, f in pairs if not w[0].isalnum())


def _rule(name: str, source: str, needles: tuple[str, ...]) -> Rule:
    folded = name not in _CASE_SENSITIVE
    return Rule(name, re.compile(source), tuple(n.casefold() for n in needles) if folded
                else needles, folded)  # fmt: skip


@lru_cache(maxsize=8)
def compile_rules(lex: DateLexicon) -> Rules:
    """Patterns, lookups and tense cues for one lexicon (cached: building takes ~2 ms)."""
    tables = ("months", "weekdays", "numbers", "ordinals", "relative_days", "period_words",
              "offset_directions", "offset_anchors")  # fmt: skip
    sources = _calendar_sources(lex) + _relative_sources(lex)
    return Rules(
        lookup={t: {_fold(k, t): v for k, v in getattr(lex, t)} for t in tables},
        holidays={holiday_key(n): (m, d) for n, m, d in lex.holidays},
        rules=tuple(_rule(*source) for source in sources),
        cues=_cue_index(lex),
        cue_suffixes=_cue_suffixes(lex),
        block_before=re.compile(rf"(?:{_alt(lex.blockers_before)})\s+$"),
        block_after=re.compile(rf"\s+(?:{_alt(lex.blockers_after)})\b"),
    )
