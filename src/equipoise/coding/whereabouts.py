"""Where an article's events happened, remembered as the article is read.

A place named near the trigger wins; otherwise a rule by type: a visit happens at the
host's, a strike where it hits, a meeting at the last named venue, acts between parties
who met where they met, a statement in the dateline city when the speaker is at home,
else in the actor's country.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Doc, Span, Token

from equipoise.coding.arguments import MentionIndex, prep_objects
from equipoise.coding.groups import Region, in_region
from equipoise.coding.participants import Sides
from equipoise.coding.placewords import place_words
from equipoise.coding.sidewords import side_words
from equipoise.coding.triggers import Trigger
from equipoise.coding.where import code_location, locate, place_tokens
from equipoise.models import Actor, Location
from equipoise.nlp.pipeline import dateline_place
from equipoise.resolve.places import Gazetteer

_WORDS = place_words()  # data/places/whereabouts.toml
TARGET_LOCATED = _WORDS.target_located
HELD_MODES = _WORDS.held_modes
CROWD_PREPS = _WORDS.crowd_preps
MEETING_TYPES = _WORDS.meeting_types
SIGNING_VERBS = _WORDS.signing_verbs  # done together, at one table
TERRITORY_NOUNS = _WORDS.territory_nouns
TRIP_NOUNS = _WORDS.trip_nouns


class Whereabouts:
    """The places of one article: its dateline, the last venue, where parties met."""

    def __init__(self, doc: Doc, index: MentionIndex, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.index = index
        self.gazetteer = gazetteer
        self.dateline = _dateline(doc, gazetteer)
        self.last_place: Location | None = self.dateline
        self.met_at: dict[frozenset[str], Location] = {}

    def find(self, tokens: Iterable[Token], codes: Collection[str]) -> Location | None:
        return locate(tokens, self.index, self.gazetteer, codes)

    def of_event(self, trigger: Trigger, sides: Sides, kind: str, mode: str | None,
                 actors: list[Actor], recipients: list[Actor], region: Region | None,
                 in_play: Collection[str]) -> Location | None:
        extra = [self.doc[m.head] for m in sides.actors + sides.recipients
                 if self.doc[m.head].dep_ != "appos"]  # "the consul general in Osaka"
        if trigger.light is not None:
            extra.append(trigger.light)
        elif trigger.result is not None:  # "a strike destroyed ... in X"
            verb = trigger.result
            extra += [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        codes = {a.code for a in actors + recipients if a.code} | set(in_play)
        tokens = in_region(place_tokens(trigger.token, extra, visit=mode == "visit"), region)
        found = self.find(tokens, codes)
        if found is None and kind in MEETING_TYPES and region is None:
            found = self.find(_venues(trigger.token), codes)  # a parse that lost the link
        signed = trigger.verb is not None and trigger.verb.lemma in SIGNING_VERBS
        return found or self._territory(trigger.token) or self._by_rule(
            kind, mode, actors, recipients, together=signed)

    def _territory(self, trigger: Token) -> Location | None:
        """ "entered Guyana's exclusive economic zone", "violated Estonian airspace": the
        act happened in the waters or airspace of the state that owns them."""
        for obj in trigger.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in TERRITORY_NOUNS:
                for mod in obj.children:
                    mention = self.index.at(mod) if mod.dep_ in ("poss", "amod") else None
                    if mention is not None and mention.actors and mention.actors[0].country:
                        return code_location(mention.actors[0].country, self.gazetteer)
        return None

    def _by_rule(self, kind: str, mode: str | None, actors: list[Actor],
                 recipients: list[Actor], *, together: bool = False) -> Location | None:
        codes = frozenset(a.code for a in actors + recipients if a.code)
        if kind == "CONSULT" and mode == "visit" and recipients:
            return code_location(recipients[0].code, self.gazetteer)
        if kind == "COERCE" and mode in HELD_MODES and actors:
            # "Iran detained two French nationals": held where the captor holds them
            return code_location(actors[0].code, self.gazetteer)
        if kind in TARGET_LOCATED and recipients:
            return code_location(recipients[0].code, self.gazetteer)
        if kind == "AID" and recipients and mode is None and not self.met_at.get(codes):
            return code_location(recipients[0].code, self.gazetteer)  # delivered there
        if codes in self.met_at:
            return self.met_at[codes]
        within = [loc for key, loc in self.met_at.items() if len(key) > 1 and key < codes]
        if within and kind in MEETING_TYPES:
            return within[-1]  # "Trump also signed agreements with each": where those two met
        gathered = frozenset(a.code for a in actors if a.code)
        if (len(gathered) > 1 or any(a.org for a in actors)) and gathered in self.met_at:
            return self.met_at[gathered]  # "the leaders condemned ...": where they met
        if kind == "CONSULT" or (kind in MEETING_TYPES and len(codes) > 1 and (
                not recipients or together) and self.last_place is not None):
            return self.last_place  # parties who sign or agree together are in one place
        if actors and all(a.org for a in actors) and self.last_place is not None and (
                self.last_place is not self.dateline):
            return self.last_place  # "ASEAN ministers met in Kuala Lumpur ... urged"
        away = self._away({a.code for a in actors if a.code}) if len(codes) > 1 else None
        if away is not None and kind != "PROTEST":
            return away  # "met Zelensky at the summit in The Hague ... He called Madrid's..."
        if self.dateline is not None and self.dateline.country in {a.code for a in actors}:
            return self.dateline  # "SEOUL: South Korea condemned ...": said where filed
        return code_location(actors[0].code, self.gazetteer) if actors else None

    def _away(self, actors: set[str]) -> Location | None:
        """Where an actor last met someone abroad: a visitor or a summit guest acts there
        until the story moves him."""
        for key, loc in reversed(self.met_at.items()):
            if actors & key and loc.country and loc.country not in actors:
                return loc
        return None

    def remember(self, kind: str, codes: list[str], location: Location | None, *,
                 meets: bool = False) -> None:
        """Later acts between the same parties happened there too (same story); a meeting
        or a summons sets the place."""
        meeting = kind == "CONSULT" or meets
        if location is None or not (meeting or location.place):
            return
        key = frozenset(codes)
        if meeting:
            self.met_at[key] = location
        else:
            self.met_at.setdefault(key, location)

    def note_sentence(self, sent: Span, in_play: Collection[str]) -> None:
        for tok in sent:
            if tok.dep_ == "pobj" and self._place_word(tok) and (
                    tok.head.lower_ in ("in", "at") or _trip_destination(tok)):
                loc = self.find([tok], in_play)
                if loc is not None and loc.place:
                    self.last_place = loc

    def _place_word(self, tok: Token) -> bool:
        """A place name by the tagger, or a capital the dictionary knows (the small model
        reads "in Montevideo on Friday" as a date)."""
        mention = self.index.at(tok)
        return tok.ent_type_ == "GPE" or (mention is not None and mention.kind == "capital")

    def struck(self, trigger: Trigger, codes: set[str]) -> Location | None:
        """Where a strike or seizure landed ("Russian strikes killed 12 people in Kharkiv")."""
        extra = [trigger.result] if trigger.result is not None else []
        extra += [c for c in (trigger.result or trigger.token).children if c.dep_ == "dobj"]
        return self._elsewhere(self.find(place_tokens(trigger.token, extra), codes), codes)

    def crowd(self, trigger: Trigger, codes: set[str]) -> Location | None:
        """A crowd with no nationality protests where it stands."""
        toks = place_tokens(trigger.token, []) + [
            g for c in trigger.token.children if c.dep_ == "prep" and c.lower_ in CROWD_PREPS
            for g in c.children if g.dep_ == "pobj"]
        return self._elsewhere(self.find(toks, codes), codes)

    def host(self, trigger: Trigger, codes: set[str]) -> Location | None:
        """The host of a visit ("Xi's visit to Gyeongju") or of talks held at a seat of
        government ("after talks at the Great Hall of the People")."""
        visit = trigger.mode == "visit"
        for tok in prep_objects(trigger.token, ("to",) if visit else ("at", "in")):
            if not visit and not self._at_seat(tok, codes):
                continue
            found = self._elsewhere(self.find([tok], codes), codes)
            if found is not None:
                return found
        return None

    def _at_seat(self, tok: Token, codes: set[str]) -> bool:
        named = _place_name(tok)
        place = self.gazetteer.lookup(named, countries=codes) if named else None
        return place is not None and self.gazetteer.is_seat(place)

    @staticmethod
    def _elsewhere(place: Location | None, codes: set[str]) -> Location | None:
        if place is None or not place.country or place.country in codes:
            return None
        return place


def _venues(trigger: Token) -> list[Token]:
    """Named places after "in" or "at" anywhere in the trigger's sentence ("seated around
    the table in the Argentine capital"), or the end of a trip ("during a two-day visit to
    Tokyo"), nearest first."""
    found = [t for t in trigger.sent if t.dep_ == "pobj" and (
             t.head.lower_ in ("in", "at") or _trip_destination(t))
             and (t.ent_type_ in ("GPE", "FAC", "LOC") or t.lemma_.lower() == "capital")
             and not _in_other_clause(t, trigger) and not _in_topic(t)]
    return sorted(found, key=lambda t: abs(t.i - trigger.i))


def _in_topic(tok: Token) -> bool:
    """ "discussed the war in Sudan": a place inside what was discussed is not the venue."""
    return tok.head.head.lemma_.lower() in side_words().topics


def _trip_destination(tok: Token) -> bool:
    """ "a visit to Tokyo", "his first trip to the Gulf": where a traveller is."""
    prep = tok.head
    return prep.lower_ == "to" and prep.head.lemma_.lower() in TRIP_NOUNS


def _in_other_clause(tok: Token, trigger: Token) -> bool:
    """ "signed a deal ... aimed at ending fighting that has raged in eastern Congo": a
    place inside a relative or participial clause the trigger is not in is not its venue."""
    on_noun = tok.head.head.pos_ == "NOUN"  # "fighting in eastern Congo", not "held in Doha"
    for anc in (tok, *tok.ancestors):
        if (anc.dep_ == "relcl" or (anc.dep_ == "acl" and on_noun)) and not (
                anc.left_edge.i <= trigger.i <= anc.right_edge.i):
            return True
    return False


DATELINE_REACH = 2000  # characters: a page's header, byline and caption come first


def _dateline(doc: Doc, gazetteer: Gazetteer) -> Location | None:
    """Where the story was filed ("SEOUL:", "RIYADH, Saudi Arabia -"): the first paragraph
    that opens with a dateline, after any page header, byline or photo caption."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text
                    and t.idx < DATELINE_REACH]
    names = (dateline_place(doc, i) for i in starts if i < len(doc) and not doc[i].is_space)
    name = next((n for n in names if n), None)
    place = gazetteer.lookup(name) if name else None
    if place is None:
        return None
    return Location(place=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid)


def _place_name(tok: Token) -> str | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC", "ORG"):
            return ent.text.removeprefix("the ")
    return tok.text if tok.pos_ == "PROPN" else None
