"""Actors from context: a role noun the dictionary knows, with its country from the text.

"Dozens of protesters in Tbilisi", "the opposition leader", "riot police": no name says
whose they are, so the mention finder leaves them out, and a domestic event ("police
arrested protesters") loses a side. Here such a noun becomes an actor of the role's sector
(``roles.csv``), and of the country the text gives it: a place it is "in", else the one
country the sentence names, else the country the article is about (the one it names most,
when it names it more than any other). Roles of the government and of international
organisations stay with the mention finder, which resolves them by their own rules; a
noun whose country the text does not settle is left out rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from equipoise.actors.dictionary import ActorDictionary, Role
from equipoise.actors.mentions import Mention
from equipoise.models import Actor

LEFT_TO_COUNTRY = ("GOV", "IGO")
NOUN_TAGS = ("NOUN", "PROPN")
PLACE_PREPOSITIONS = ("in", "across", "from", "outside", "near")


def context_mentions(doc: Doc, mentions: Sequence[Mention], actors: ActorDictionary
                     ) -> list[Mention]:
    """The mentions found, with context actors added for role nouns they left out."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    main = _main_country(mentions)
    added = []
    for tok in doc:
        if tok.i in taken or tok.pos_ not in NOUN_TAGS or tok.dep_ == "compound":
            continue
        found = _role_at(tok, actors)
        if found is None:
            continue
        start, role = found
        if role.sector in LEFT_TO_COUNTRY or any(i in taken for i in range(start, tok.i)):
            continue
        country = _place_country(tok, mentions) or _sentence_country(tok, mentions) or main
        if country is None:
            continue
        text = doc[start: tok.i + 1].text
        actor = Actor(text=text, name=text, country=country, sector=role.sector,
                      title=text if role.rank != "other" else None)
        added.append(Mention(start, tok.i + 1, tok.i, (actor,), "context",
                             plural=False))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _role_at(head: Token, actors: ActorDictionary) -> tuple[int, Role] | None:
    """The longest role ending at ``head`` ("riot police", "opposition leader")."""
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod")]
    for first in sorted(left, key=lambda t: t.i):
        words = " ".join(t.lower_ for t in head.doc[first.i: head.i + 1])
        role = actors.roles.get(words)
        if role is not None:
            return first.i, role
    role = actors.roles.get(head.lower_)
    return (head.i, role) if role is not None else None


def _country_of(mention: Mention) -> str | None:
    codes = {a.country for a in mention.actors}
    return next(iter(codes)) if len(codes) == 1 else None


def _place_country(head: Token, mentions: Sequence[Mention]) -> str | None:
    """ "protesters in Tbilisi": the country of the place the noun is in."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPOSITIONS:
            continue
        for obj in prep.children:
            hit = next((m for m in mentions if m.start <= obj.i < m.end), None)
            if hit is not None and _country_of(hit):
                return _country_of(hit)
    return None


def _sentence_country(head: Token, mentions: Sequence[Mention]) -> str | None:
    sent = head.sent
    here = {_country_of(m) for m in mentions if sent.start <= m.start < sent.end}
    here.discard(None)
    return next(iter(here)) if len(here) == 1 else None


def _main_country(mentions: Sequence[Mention]) -> str | None:
    """The country an article names most, if it names it more than any other."""
    counts = Counter(c for m in mentions if (c := _country_of(m)) is not None)
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]
