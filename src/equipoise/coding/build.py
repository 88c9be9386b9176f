"""Assembling coded events: evidence spans, contexts, PLOVER quad/intensity, merging."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span

from equipoise.coding.domestic import is_domestic
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.when import When
from equipoise.models import Actor, Event, Evidence, Location, Precision, Status, content_hash
from equipoise.nlp.pipeline import source_text


@dataclass(frozen=True, slots=True)
class EventDraft:
    article_id: str
    sent: Span
    event_type: str
    mode: str | None
    status: Status
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    when: When
    location: Location | None
    contexts: tuple[str, ...]
    confidence: float


def evidence_of(sent: Span) -> Evidence:
    """The sentence, trimmed of surrounding white space, with offsets into the text (the
    stored text, which the parse may have read in a case-normalised copy)."""
    raw = source_text(sent.doc)[sent.start_char:sent.end_char]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = sent.start_char + lead
    return Evidence(text=text, start=start, end=start + len(text))


def _codes(actors: tuple[Actor, ...], *, sectors: bool = False) -> str:
    if sectors:  # two acts inside one country differ by the sectors involved
        return ",".join(sorted(f"{a.code or '?'}/{a.sector}" for a in actors))
    return ",".join(sorted(a.code or "?" for a in actors))


def with_sector(actor: Actor) -> Actor:
    """Every actor in the output says its sector: a state named with no clue to one
    acts as its government; an organisation as an international organisation."""
    if actor.sector:
        return actor
    return replace(actor, sector="GOV" if actor.country else "IGO")


def build_event(d: EventDraft, lexicon: Lexicon) -> Event:
    evidence = evidence_of(d.sent)
    info = lexicon.types[d.event_type]
    actor = tuple(map(with_sector, d.actor))
    recipient = tuple(map(with_sector, d.recipient))
    inside = is_domestic(actor, recipient)
    key = (f"{d.article_id}|{evidence.start}|{evidence.end}|{d.event_type}|"
           f"{_codes(actor, sectors=inside)}>{_codes(recipient, sectors=inside)}|{d.status}")
    return Event(
        id=content_hash(key), article_id=d.article_id, event_type=d.event_type,
        status=d.status, actor=actor, recipient=recipient, evidence=evidence, mode=d.mode,
        contexts=d.contexts, date=d.when.date, date_precision=d.when.precision,
        location=d.location, confidence=d.confidence, quad=info.quad,
        intensity=info.intensity,
    )


@lru_cache(maxsize=64)
def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})s?\b", re.IGNORECASE)


def contexts_of(sent: Span, lexicon: Lexicon) -> tuple[str, ...]:
    text = sent.text
    return tuple(name for name, words in lexicon.contexts.items()
                 if _context_pattern(words).search(text))


SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}


def _merge_key(e: Event) -> tuple[object, ...]:
    if e.event_type in SYMMETRIC_TYPES:
        sides: tuple[object, ...] = (frozenset(a.code for a in e.actor + e.recipient),)
    else:
        sides = (frozenset(a.code for a in e.actor), frozenset(a.code for a in e.recipient))
    if is_domestic(e.actor, e.recipient):
        sides += (frozenset(a.sector for a in e.actor), frozenset(a.sector for a in e.recipient))
    return (e.event_type, *sides, e.date, e.status)


PRECISION_ORDER = ("day", "week", "month", "year")


def _finer(a: Precision | None, b: Precision | None) -> Precision | None:
    """A headline's undated mention and the lead's "on Tuesday" are one act on one day:
    the merged event keeps the more precise reading."""
    if a is None or b is None:
        return a or b
    order = {p: i for i, p in enumerate(PRECISION_ORDER)}
    return min(a, b, key=lambda p: order.get(p, len(order)))


def merge_events(events: list[Event]) -> list[Event]:
    """One event per type, parties, date and status; later mentions add evidence."""
    merged: dict[tuple[object, ...], Event] = {}
    for e in events:
        key = _merge_key(e)
        first = merged.get(key)
        if first is None:
            merged[key] = e
            continue
        if e.evidence.start != first.evidence.start and e.evidence not in first.more_evidence:
            merged[key] = replace(
                first, more_evidence=(*first.more_evidence, e.evidence),
                date_precision=_finer(first.date_precision, e.date_precision),
                contexts=tuple(dict.fromkeys(first.contexts + e.contexts)),
                location=first.location or e.location,
                confidence=min(0.95, max(first.confidence, e.confidence) + 0.05))
    return list(merged.values())
