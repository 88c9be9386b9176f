"""Choosing an event's date from the date expressions of its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from equipoise.coding.triggers import Trigger
from equipoise.models import Precision, Status
from equipoise.nlp.pipeline import dateline_end
from equipoise.resolve.dates import DateMention, find_dates

BLOCKED = -1
BACKGROUND_PREPS = ("after", "since", "before", "following", "despite", "amid")
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "few": 3,
    "several": 3,
    "couple": 2,
}
OFFSET = re.compile(r"\b(\d+|[a-z]+)\s+(?:of\s+)?(day|week|month|year)s?\b")


@dataclass(frozen=True, slots=True)
class When:
    date: date | None
    precision: Precision | None
    historical: bool = False
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class SentenceDates:
    """The date expressions of one sentence, as token spans of the document."""

    sent: Span
    mentions: tuple[tuple[DateMention, Span], ...]

    @classmethod
    def find(cls, sent: Span, published: date | None, prefer: str = "past") -> SentenceDates:
        out = []
        for m in find_dates(
            sent.text, published, prefer="future" if prefer == "future" else "past"
        ):
            span = sent.doc.char_span(
                sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand"
            )
            if span is not None:
                out.append((m, span))
        return cls(sent, tuple(out))


class LeadDates:
    """A dateline's date ("KYIV, Oct 3 -") is a sentence of its own; it dates the lead."""

    def __init__(self) -> None:
        self.pending: tuple[tuple[DateMention, Span], ...] = ()

    def read(self, dates: SentenceDates) -> SentenceDates | None:
        """The dates a sentence may use, or None when the sentence is a dateline."""
        sent = dates.sent
        if dateline_end(sent.doc, sent.start) == sent.end:
            self.pending = dates.mentions
            return None
        if self.pending:
            dates, self.pending = SentenceDates(sent, self.pending + dates.mentions), ()
        return dates


def _distance(trigger: Token, span: Span) -> int | None:
    """Steps from the date's attachment up to the trigger or one of its governors."""
    chain = [trigger, *list(trigger.ancestors)[:4]]
    tok, steps = span.root, 0
    while steps < 8:
        if tok in chain:
            return steps + chain.index(tok)
        if tok.dep_ in ("relcl", "acl"):
            return BLOCKED  # "a war which began in February 2022" dates the war, not the act
        if (tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in BACKGROUND_PREPS
                and tok not in span):
            return BLOCKED  # "after two failed attempts earlier this year"
        if tok.head.i == tok.i:
            return None
        tok, steps = tok.head, steps + 1
    return None


def _in_participle(trigger: Token, span: Span) -> bool:
    """Whether a date hangs on a participle clause below the trigger ("annulled his
    degree, citing irregularities in his transfer in 1990"): it dates what is cited or
    said, not the act."""
    chain = {trigger, *list(trigger.ancestors)[:4]}
    tok = span.root
    for _ in range(8):
        if tok in chain or tok.head.i == tok.i:
            return False
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            return True
        tok = tok.head
    return False


def choose(trigger: Token, dates: SentenceDates, published: date | None) -> When:
    """The date of the event reported by ``trigger``, or publication day, week precision."""
    ranked = []
    for m, span in dates.mentions:
        if m.kind == "offset" or (m.date is None and not m.historical):
            continue
        dist = _distance(trigger, span)
        if dist == BLOCKED or (m.historical and _in_participle(trigger, span)):
            continue
        ranked.append((dist if dist is not None else 50 + abs(span.start - trigger.i), m))
    if ranked:
        m = min(ranked, key=lambda r: r[0])[1]
        span = next(s for mm, s in dates.mentions if mm is m)
        shift = _anchored_elsewhere(trigger, span)
        if shift is not None and m.date is not None:
            # "three days after his summit ..., Trump hosted ... on Monday": Monday - 3
            return When(m.date + timedelta(days=shift), m.precision, m.historical, True)
        return When(m.date, m.precision, m.historical, explicit=True)
    offset = anchor_offset(trigger)
    if offset is not None and published is not None:
        return When(published + timedelta(days=offset), "week")
    return When(published, "week" if published else None)


def _anchored_elsewhere(trigger: Token, span: Span) -> int | None:
    """The offset of a trigger inside "N days after ..." when its date is the main clause's."""
    for anc in list(trigger.ancestors)[:6]:
        if anc.dep_ == "prep" and anc.lower_ in ("after", "before"):
            if anc.left_edge.i <= span.start and span.end - 1 <= anc.right_edge.i:
                return None  # the date is inside the phrase: it dates the trigger itself
            return anchor_offset(trigger)
    return None


def anchor_offset(trigger: Token) -> int | None:
    """ "a week after welcoming Xi ...": the welcome is a week before the main clause."""
    for anc in list(trigger.ancestors)[:6]:
        if anc.dep_ == "prep" and anc.lower_ in ("after", "before"):
            # "a week after": the measure hangs on "after" or just before it on the verb
            measures = [c for c in anc.children if c.dep_ == "npadvmod"] + [
                c for c in anc.head.children if c.dep_ == "npadvmod" and c.i < anc.i
                and anc.i - c.right_edge.i <= 1]
            amount = " ".join(t.lower_ for c in measures for t in c.subtree)
            days = parse_offset(amount)
            if days is not None:
                return -days if anc.lower_ == "after" else days
    return None


def parse_offset(text: str) -> int | None:
    match = OFFSET.search(text)
    if match is None:
        return None
    count, unit = match.groups()
    n = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    return None if n is None else n * UNIT_DAYS[unit]


def event_when(trigger: Trigger, dates: SentenceDates, status: Status,
               published: date | None) -> When:
    """The date of a trigger's event; a plan with no date of its own is dated to the
    publication week."""
    anchor = trigger.light or trigger.result or trigger.token
    when = choose(anchor, dates, published)
    if status == "future" and when.explicit is False and published:
        return When(published, "week")
    return when


def dated_status(status: Status, when: When, published: date | None, *,
                 historical_days: int) -> Status:
    """The status its date implies: an act dated after publication is planned, one long
    before it is background."""
    if status not in ("occurred", "future"):
        return status
    if status == "occurred" and when.explicit and when.date and published and (
            when.date > published) and (when.precision != "day" or (
                when.date - published).days >= 2):
        # "next week's summit", "talks would resume next month"; a weekday one day on
        # may be a date that belongs to another verb of the sentence
        return "future"
    if when.historical:
        return "historical"  # "in 2016, Seoul agreed to deploy ...": background
    if status == "occurred" and when.explicit and when.date and published and (
            when.date < published - timedelta(days=historical_days)):
        return "historical"
    return status


def named_as_then(sent: Span) -> bool:
    """ "signed at a summit between then-leaders Poroshenko and Putin", "then-President
    Trump met Kim": a title said to be held then tells of the past, whatever the date."""
    for tok in sent:
        if tok.lower_ == "then" and tok.i + 2 < sent.end and tok.nbor(1).text == "-":
            return True
        if tok.lower_.startswith("then-") and len(tok) > 5:
            return True
    return False
