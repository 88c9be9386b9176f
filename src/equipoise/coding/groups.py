"""One sentence, several meetings: "held talks with Xi in Beijing on Jan. 5 and with
Takaichi in Nara on Jan. 13" reports two events, each with its own place and date.

The stretch of the sentence from one "with" phrase to the next holds that meeting's
party, place and date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from equipoise.coding.participants import Sides
from equipoise.coding.triggers import Trigger
from equipoise.coding.when import SentenceDates


@dataclass(frozen=True, slots=True)
class Region:
    """Token positions [start, end) of one party's phrase."""

    start: int
    end: int

    def holds(self, i: int) -> bool:
        return self.start <= i < self.end


def party_regions(trigger: Trigger) -> list[Region]:
    """The stretches introduced by each "with" of the trigger (and its light verb);
    one or none means the sentence reports one event."""
    heads = [trigger.token] + ([trigger.light] if trigger.light is not None else [])
    preps = sorted({c.i for h in heads for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "with"})
    if len(preps) < 2:
        return []
    end = trigger.token.sent.end
    return [Region(p, preps[k + 1] if k + 1 < len(preps) else end)
            for k, p in enumerate(preps)]


def narrow(sides: Sides, dates: SentenceDates, region: Region) -> tuple[Sides, SentenceDates]:
    """The recipients and dates of one region."""
    recipients = tuple(m for m in sides.recipients if region.holds(m.head))
    mentions = tuple((m, span) for m, span in dates.mentions if region.holds(span.start))
    return replace(sides, recipients=recipients), replace(dates, mentions=mentions)


def in_region(tokens: list[Token], region: Region | None) -> list[Token]:
    return tokens if region is None else [t for t in tokens if region.holds(t.i)]
