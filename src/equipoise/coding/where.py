"""Choosing where an event happened: a named place near its trigger, else a rule by type."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Span, Token

from equipoise.actors.mentions import Mention
from equipoise.coding.arguments import MentionIndex
from equipoise.coding.placewords import place_words
from equipoise.models import Location
from equipoise.resolve.places import Gazetteer, Place

_WORDS = place_words()  # data/places/whereabouts.toml
PLACE_PREPS = _WORDS.place_preps
CHANNEL_PREPS = _WORDS.channel_preps
MOTION_VERBS = _WORDS.motion_verbs
# the last word of a facility's name, never a place by itself
FACILITY_WORDS = _WORDS.facility_words
PLACE_ENTS = ("GPE", "LOC", "FAC", "ORG", "NORP")


def _place_span(tok: Token) -> Span:
    """The named-entity span or compound phrase a place noun belongs to."""
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    left = min([tok.i] + [c.i for c in tok.lefts if c.dep_ in ("compound", "amod")])
    return doc[left : tok.i + 1]


def _strip(text: str) -> str:
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text.removesuffix("’s").removesuffix("'s")


def _clause_governors(tok: Token) -> list[Token]:
    """Verbs governing the trigger inside its own clause chain ("flew to Japan to meet")."""
    out: list[Token] = []
    while tok.dep_ in ("xcomp", "advcl", "conj") and len(out) < 3 and tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _subject_verb(trigger: Token) -> list[Token]:
    """ "talks continued in Egypt": an event noun happens where its intransitive verb says."""
    head = trigger.head
    if (trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB"
            and not any(c.dep_ in ("dobj", "attr") for c in head.children)):
        return [head]
    return []


def _where_clause(trigger: Token) -> list[Token]:
    """ "a visit to China, where he met Xi": the relative clause happens at its antecedent."""
    for tok in (trigger, *list(trigger.ancestors)[:2]):
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            head = tok.head
            return [head] + [g for c in head.children if c.dep_ == "prep"
                             and c.lower_ in ("to", "in", "at") for g in c.children
                             if g.dep_ == "pobj"]
    return []


def _purpose_venue(trigger: Token) -> list[Token]:
    """ "flew to Japan to meet Takaichi in Nara": the trip ends where its purpose is done."""
    if trigger.lemma_.lower() not in MOTION_VERBS or not any(
            c.dep_ == "prep" and c.lower_ == "to" for c in trigger.children):
        return []  # "landed in Cairo to discuss Gaza": the arrival names its own place
    return [g for c in trigger.children if c.dep_ in ("advcl", "xcomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for g in c.subtree if g.dep_ == "pobj" and g.head.lower_ in PLACE_PREPS]


def place_tokens(trigger: Token, extra: Iterable[Token], *, visit: bool = False) -> list[Token]:
    """Objects of "in"/"at" on the trigger, its arguments and governors; "to" after motion
    verbs and in visits ("welcomed Xi to Seoul")."""
    parties = list(extra)
    heads = [trigger, *extra, *_clause_governors(trigger), *_subject_verb(trigger)]
    out: list[Token] = _where_clause(trigger) + _purpose_venue(trigger)
    for h in heads:
        motion = visit or h.lemma_.lower() in MOTION_VERBS
        preps = PLACE_PREPS | {"to"} if motion else PLACE_PREPS
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                out += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "advmod":  # "back in Paris, Macron condemned ..."
                out += [g for p in c.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                        for g in p.children if g.dep_ == "pobj"]
            elif h is trigger and c.dep_ == "prep" and c.lower_ in CHANNEL_PREPS:
                # "protested via diplomatic channels in Beijing"
                out += [x for g in c.children if g.dep_ == "pobj" for p in g.children
                        if p.dep_ == "prep" and p.lower_ in PLACE_PREPS
                        for x in p.children if x.dep_ == "pobj"]
        for c in h.children:
            if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC") and h.pos_ == "NOUN" \
                    and h not in parties:
                out.append(c)  # "the Nara summit", not "the US ambassador" (a party)
    return out


def locate(
    tokens: Iterable[Token], index: MentionIndex, gazetteer: Gazetteer, countries: Collection[str]
) -> Location | None:
    """The first token that names a place; "at his residence in Putrajaya" looks one
    preposition deeper."""
    for tok in tokens:
        loc = _location_of(tok, index, gazetteer, countries) or _deeper(tok, index, gazetteer,
                                                                         countries)
        if loc is not None:
            return loc
    return None


def _deeper(tok: Token, index: MentionIndex, gazetteer: Gazetteer, countries: Collection[str]
            ) -> Location | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    loc = _location_of(g, index, gazetteer, countries)
                    if loc is not None:
                        return loc
    return None


def _location_of(
    tok: Token, index: MentionIndex, gazetteer: Gazetteer, countries: Collection[str]
) -> Location | None:
    mention = index.at(tok)
    if mention is not None and mention.kind in ("country", "demonym"):
        return country_location(mention, gazetteer)
    if tok.lemma_.lower() == "capital":
        return _capital_of(tok, index, gazetteer)
    if not (tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.is_title):
        return None  # "at their summit" is no place called Summit
    name = _strip(_place_span(tok).text)
    place = gazetteer.lookup(name, countries=countries)
    if place is None and tok.ent_type_ in ("GPE", "LOC", "FAC") and (
            tok.lower_ not in FACILITY_WORDS):
        place = gazetteer.lookup(tok.text, countries=countries)
    if place is None and tok.ent_type_ in ("FAC", "ORG"):
        name, place = _named_after_city(_place_span(tok), gazetteer, countries)
    if place is None:
        return None
    return Location(
        place=name, country=place.country, lat=place.lat, lon=place.lon, geonameid=place.geonameid
    )


def _capital_of(tok: Token, index: MentionIndex, gazetteer: Gazetteer) -> Location | None:
    """ "in the Ukrainian capital", "to the U.S. capital": news names a capital by its
    country once the city was named, or instead of naming it."""
    for child in tok.children:
        mention = index.at(child) if child.dep_ in ("amod", "compound", "poss") else None
        code = mention.actors[0].country if mention is not None and mention.actors else None
        point = gazetteer.country_point(code) if code else None
        capital = gazetteer.capital_of(code) if code else None
        if point is not None:
            return Location(place=capital.name if capital else None, country=code,
                            lat=point.lat, lon=point.lon,
                            geonameid=capital.geonameid if capital else None)
    return None


def _named_after_city(span: Span, gazetteer: Gazetteer, countries: Collection[str]
                      ) -> tuple[str, Place | None]:
    """ "at the Kuala Lumpur Convention Centre": a venue named after its city is there."""
    words = [t for t in span if t.lower_ != "the"]
    for k in range(len(words) - 1, 0, -1):
        name = " ".join(t.text for t in words[:k])
        place = gazetteer.lookup(name, countries=countries)
        if place is not None and (place.country in countries or gazetteer.is_seat(place)):
            return name, place  # not "the Royal Court": a Royal in Canada
    return "", None


def country_location(mention: Mention, gazetteer: Gazetteer) -> Location | None:
    code = mention.actors[0].country if mention.actors else None
    return code_location(code, gazetteer)


def code_location(code: str | None, gazetteer: Gazetteer) -> Location | None:
    """A state's capital; an organisation's seat (the Security Council sits in New York),
    or no location for a grouping with none (the G7)."""
    if not code:
        return None
    point = gazetteer.country_point(code)
    if point is None:
        seat = gazetteer.seat_of(code)
        if seat is None:
            return None
        return Location(place=None, country=seat.country, lat=seat.lat, lon=seat.lon)
    return Location(place=None, country=code, lat=point.lat, lon=point.lon)
