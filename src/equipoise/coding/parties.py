"""Who acted and who was acted on: a trigger's sides made into the event's parties.

The parse gives each trigger its sides (``coding.participants``); here they become actors:
references resolved against the article so far ("the two leaders"), a missing side taken
from the parties in play, the host of a visit or the place a strike hit, and the result
checked against what the guideline codes (one party alone is no interaction).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.mentions import Mention
from equipoise.coding.arguments import MentionIndex, mentions_of, prep_objects
from equipoise.coding.domestic import (
    acted_on,
    against_government,
    champions,
    conjoined_recipients,
    crowd_at,
    crowd_in_play,
    crowd_target,
    decree_target,
    domestic_pair,
    ends_protest,
    joins_protest,
    one_crowd,
    other_sectors,
    referred_kinds,
    refuses_to_go,
    without,
)
from equipoise.coding.kinds import GATHERING_TYPES, HOSTILE_TYPES
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.participants import Sides
from equipoise.coding.reactions import referent_kinds, seat_of_act
from equipoise.coding.references import ArticleState
from equipoise.coding.sidewords import side_words
from equipoise.coding.triggers import Trigger
from equipoise.coding.whereabouts import TARGET_LOCATED, Whereabouts
from equipoise.models import Actor, Location

SOLO_TYPES = {"MOBILIZE", "PROTEST"}
GROUP_SIZE = 3  # parties acting together from whom a member they act on stands apart
# "NATO leaders agreed", "ASEAN leaders met": an organisation acting as one body
COLLECTIVE_TYPES = {"AGREE"}
RECIPROCALS = {"other", "another"}
REACTION_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN"}
DIRECTED_CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE",
                     "ASSAULT"}
VERBAL_CONFLICT = {"ACCUSE", "REJECT", "REQUEST", "THREATEN"}
# Threats and mobilisations are aimed at the adversary in play even when unnamed.
FILLED_CONFLICT = {"THREATEN", "MOBILIZE"}


class PartyFinder:
    """The parties of each trigger of one article; holds the article's shared state."""

    def __init__(self, *, lexicon: Lexicon, actors: ActorDictionary | None, doc: Doc,
                 index: MentionIndex, state: ArticleState, places: Whereabouts,
                 inferred: frozenset[Actor]) -> None:
        self.lexicon = lexicon
        self.actors = actors
        self.doc = doc
        self.index = index
        self.state = state
        self.places = places
        self.inferred = inferred
        self.coded: dict[int, tuple[list[Actor], list[Actor]]] = {}  # sides by trigger token
        self.crowd: tuple[int, list[Actor]] | None = None  # the latest protesters, where
        self.acts: list[tuple[str, list[Actor], list[Actor]]] = []  # type, sides, in order

    def find(self, trigger: Trigger, sides: Sides, here: list[Mention]
             ) -> tuple[list[Actor], list[Actor], bool] | None:
        """The two sides of an act, completed from the article, or None when the sentence
        names no interaction."""
        found = self._find(trigger, sides, here)
        if found is not None and trigger.type == "PROTEST":
            self.crowd = (trigger.token.i, found[0])  # whom the police may act on next
        if found is not None:
            self.acts.append((trigger.type, found[0], found[1]))
        return found

    def _find(self, trigger: Trigger, sides: Sides, here: list[Mention]
              ) -> tuple[list[Actor], list[Actor], bool] | None:
        actors, recipients = self._named(trigger, sides, here)
        if trigger.type == "PROTEST":
            actors = one_crowd(actors)
        if (trigger.type == "PROTEST" or ends_protest(trigger)) and not recipients:
            if joins_protest(trigger) and not crowd_in_play(self.crowd, trigger.token):
                return None  # "joined in": only with a protest just told of
            owners = champions(sides.actors, self.doc, self.index)
            crowd = without(actors, owners) or crowd_at(
                self.places.crowd(trigger, set()), trigger.token.text,
                [a for m in here for a in m.actors], trigger)
            against = acted_on(owners, self.acts) or \
                against_government(crowd, trigger.token.text)
            if against:
                return crowd, against, False  # a march is against the government
        codes = {c for c in {a.code for a in actors + recipients} if c}
        if not codes:
            return None
        if domestic_pair(actors, recipients, self.actors):
            return actors, recipients, False  # "police arrested protesters": one country
        if not recipients and actors:
            named = {a.country for m in here for a in m.actors}
            crowd = crowd_in_play(self.crowd, trigger.token)
            recipients = crowd_target(trigger, actors, self.actors, named, crowd) or \
                decree_target(trigger, actors, named)
            if recipients:
                return actors, recipients, False  # "police fired tear gas": at the crowd
        if refuses_to_go(trigger) and not recipients:
            ousters = acted_on({a.name for a in actors if a.name}, self.acts)
            if domestic_pair(actors, ousters, self.actors):
                return actors, ousters, False  # "has refused to resign": to the coup leaders
        referred: list[Actor] = []  # the doers of an earlier act a reaction refers to
        if not recipients and actors:
            referred = self.state.last_parties(referred_kinds(trigger, self.lexicon), actors)
            if trigger.type in ("CONCEDE", "RETREAT") and domestic_pair(actors, referred,
                                                                       self.actors):
                return actors, referred, False  # "put the plan on hold": to the protesters
            recipients = conjoined_recipients(trigger, actors, self.coded) or \
                self._referred(trigger, {a.code for a in actors}) or referred or \
                seat_of_act(trigger, actors, self.state)
            codes |= {r.code for r in recipients if r.code}
            if domestic_pair(actors, recipients, self.actors):
                return actors, recipients, False  # "the opposition condemned the arrest"
        recipients, filled = self._completed(trigger, actors, recipients, codes)
        codes |= {r.code for r in recipients if r.code}
        found = self._checked(trigger, actors, recipients, codes, filled)
        both = found[0] + found[1] if found is not None else []
        if len({a.code for a in both}) > 1 and any(
                a in self.inferred and a not in referred for a in both):
            return None  # a country only implied, for an act across borders
        return found

    def _named(self, trigger: Trigger, sides: Sides, here: list[Mention]
               ) -> tuple[list[Actor], list[Actor]]:
        """The parties the sentence names, references resolved."""
        hostile = trigger.type in HOSTILE_TYPES
        actors = _dedupe(self.state.resolve(sides.actors, here, self.doc, hostile=hostile))
        recipients = _dedupe(self.state.resolve(sides.recipients, here, self.doc,
                                                hostile=hostile))
        if not recipients and trigger.type in ("THREATEN", "REQUEST", "AGREE", "CONCEDE",
                                               "SUPPORT"):
            # "warned that ... either country", "demanded that China stop", "pledged to
            # deepen cooperation with the Philippines"
            recipients = self._threatened(trigger, here, {a.code for a in actors}, hostile,
                                          subjects_only=trigger.type == "REQUEST")
        if not actors and sides.earlier_agent:
            # "among those detained were ...": whoever the story said detained people
            exclude = {r.code for r in recipients if r.code}
            actors = [self.state.party_for(c, (trigger.type,), trigger.token.text)
                      for c in self.state.last_actors((trigger.type,), exclude)]
        if not actors and _document_subject(trigger):
            # "the joint statement condemned ...": those who just met issued it
            actors = [self.state.actor_for(c, trigger.token.text) for c in self.state.gathering]
        if not recipients and trigger.type in REACTION_TYPES:
            recipients = self._named_in_free_relative(trigger)
        if not _symmetric(trigger):  # "the leaders signed the X-Y summit's declaration": all
            actors = _others_of_group(actors, recipients)
        actor_codes = {a.code for a in actors}
        kept = [r for r in recipients if r.code not in actor_codes]
        if recipients and not kept and trigger.type in VERBAL_CONFLICT:
            kept = self._behind_own_people(sides.recipients, actor_codes)
        inside = other_sectors(actors, recipients)
        domestic = not kept and domestic_pair(actors, inside, self.actors)
        return actors, inside if domestic else kept

    def _behind_own_people(self, sides: tuple[Mention, ...], actor_codes: set[str | None]
                           ) -> list[Actor]:
        """ "protested the treatment of Brazilians deported on a U.S. flight": a state
        speaking up for its own people is acting on the other state named in the phrase."""
        for side in sides:
            for tok in self.doc[side.head].subtree:
                m = self.index.at(tok)
                found = [a for a in m.actors if a.code not in actor_codes] if m else []
                if found and all(a.country for a in found):
                    return found
        return []

    def _completed(self, trigger: Trigger, actors: list[Actor], recipients: list[Actor],
                   codes: set[str]) -> tuple[list[Actor], bool]:
        """A missing other side from the parties in play, the host of a visit, or the place
        a strike hit."""
        if len(codes) == 1 and self._may_fill(trigger, actors, recipients):
            other = self.state.other_party(codes)
            if other is not None:
                filler = self.state.actor_for(other, trigger.token.text)
                if actors:
                    return [*recipients, filler], True
                actors.append(filler)
                return recipients, True
        if len(codes) == 1 and trigger.type == "CONSULT" and (actors or recipients) and (
                trigger.mode == "visit" or not any(a.org for a in actors + recipients)):
            host = self._at_place(self.places.host(trigger, codes))
            if host is not None and actors:  # "Xi's visit to Gyeongju": to South Korea
                return [host], True
            if host is not None and prep_objects(trigger.token, ("with",)):
                # "meetings in Washington with Argentina's minister": the host met them
                actors.append(host)
                return recipients, True
        arrived = trigger.type == "AID" and trigger.verb is not None and bool(trigger.verb.armed)
        if not recipients and actors and (trigger.type in TARGET_LOCATED or arrived):
            # "aid flight landed on Tongatapu": given to the place it reached
            hit = self._at_place(self.places.struck(trigger, codes))
            if hit is not None and arrived and hit.code not in self.state.mentioned:
                hit = None  # a place's country the story never names is no aid recipient
            if hit is not None:  # "Russian strikes killed 12 people in Kharkiv"
                return [hit], False
        return recipients, False

    def _checked(self, trigger: Trigger, actors: list[Actor], recipients: list[Actor],
                 codes: set[str], filled: bool) -> tuple[list[Actor], list[Actor], bool] | None:
        """Whether what was found is an interaction the guideline codes."""
        if len(codes) == 1 and actors:
            self.state.note_acts(trigger.type, tuple(codes))  # a later "the move" may mean it
        collective = (trigger.verb is not None and trigger.type in COLLECTIVE_TYPES
                      and bool(actors) and all(a.org for a in actors))
        if not filled and len(codes) == 1 and trigger.type not in SOLO_TYPES and not collective:
            return None  # one party alone is no interaction, unless a body acts as one
        if not recipients and len(actors) >= 2 and trigger.type not in GATHERING_TYPES \
                and not _symmetric(trigger) and not _reciprocal(trigger):
            return None  # "X and Y condemned ..." with no one condemned: not among themselves
        if not actors and trigger.type == "PROTEST":
            crowd = self._at_place(self.places.crowd(trigger, codes))
            if crowd is None:
                return None
            actors = [crowd]  # "protesters gathered in Busan": South Koreans protesting
        if not actors:
            if not _symmetric(trigger):
                return None  # "threatened Canada" with no one threatening: not coded
            actors, recipients = recipients, []
        return actors, recipients, filled

    def _at_place(self, place: Location | None) -> Actor | None:
        if place is None or not place.country:
            return None
        return self.state.actor_for(place.country, place.place or place.country)

    def _named_in_free_relative(self, trigger: Trigger) -> list[Actor]:
        """ "condemned what it called India's campaign of intimidation": the actor named in
        what the speaker called it."""
        words = side_words().naming
        naming = [t for c in trigger.token.children if c.dep_ in ("dobj", "ccomp", "pobj", "prep")
                  for t in c.subtree if t.lemma_.lower() in words and t.i != trigger.token.i]
        found: list[Mention] = []
        for verb in naming:
            nouns = [c for c in verb.children if c.dep_ in ("oprd", "dobj", "attr", "ccomp",
                                                              "xcomp") and c.tag_ not in ("WP",)]
            nouns += prep_objects(verb, ("as",))  # "what it described as reckless flights"
            nouns += [g for n in nouns for g in n.children if g.dep_ in ("attr", "nsubj")]
            found += mentions_of(nouns, self.index, events=True)
        return _dedupe([a for m in found for a in m.actors])

    def _threatened(self, trigger: Trigger, here: list[Mention], actor_codes: set[str | None],
                    hostile: bool, *, subjects_only: bool = False) -> list[Actor]:
        """ "warned that he would not conclude deals with either country": the parties
        named inside what was threatened; for demands, who is to act ("demanded that China
        stop")."""
        if trigger.type in ("AGREE", "CONCEDE", "SUPPORT"):
            # "pledged to deepen cooperation with the Philippines", "offered to help Ukraine"
            return self._partners_in_clause(trigger, here, actor_codes)
        clauses = [c for c in trigger.token.children if c.dep_ in ("ccomp", "advcl")]
        if subjects_only:
            # "demanded that Beijing return ...", also when the parser hangs the name on
            # a misread subject
            subjects = [s for c in clauses if c.dep_ == "ccomp" for s in c.children
                        if s.dep_ in ("nsubj", "nsubjpass")]
            inside = [m for m in mentions_of(subjects, self.index) if m in here]
        else:
            inside = [m for c in clauses for m in here if c.left_edge.i <= m.head <= c.right_edge.i]
        found = self.state.resolve(tuple(inside), here, self.doc, hostile=hostile)
        return _dedupe([a for a in found if a.code not in actor_codes])

    def _partners_in_clause(self, trigger: Trigger, here: list[Mention],
                            actor_codes: set[str | None]) -> list[Actor]:
        if len(actor_codes) != 1:
            return []
        clauses = [c for c in trigger.token.children if c.dep_ == "xcomp"]
        clauses += [a for o in trigger.token.children if o.dep_ == "dobj" for a in o.children
                    if a.dep_ == "acl"]  # "reaffirmed its commitment to defend the Philippines"
        toks = [t for c in clauses for t in c.subtree]
        partners = [g for t in toks if t.lower_ == "with" and t.dep_ == "prep"
                    for g in t.children if g.dep_ == "pobj"]
        partners += [c for t in toks if t.lemma_.lower() in side_words().partners
                     for c in t.children if c.dep_ in ("dobj", "nsubj")]
        # "pledged 9 billion euros in military support for Ukraine"
        partners += [g for o in trigger.token.children if o.dep_ == "dobj" for t in o.subtree
                     if t.dep_ == "prep" and t.lower_ in ("for", "to") for g in t.children
                     if g.dep_ == "pobj"]
        # "committed to invest $600 billion in the United States"
        investing = side_words().investing
        partners += [g for t in toks if t.lemma_.lower() in investing for g in prep_objects(
            t, ("in", "into"))]
        found = mentions_of(partners, self.index)
        return _dedupe([a for m in found for a in m.actors if a.code not in actor_codes])

    def _referred(self, trigger: Trigger, actor_codes: set[str | None]) -> list[Actor]:
        """ "condemned the launches": the actors of the earlier launch are the recipients."""
        if trigger.verb is None:
            return []
        objs = [c for c in trigger.token.children if c.dep_ == "dobj"]
        objs += [g for c in [trigger.token, *objs] for p in c.children if p.dep_ == "prep"
                 and p.lower_ in ("about", "over", "at", "on", "against") for g in p.children
                 if g.dep_ == "pobj"]  # "expressed concern about the deal"
        exclude = {c for c in actor_codes if c}
        # "lodged a protest": the protest is the act itself, not an earlier one it refers to
        own = set(trigger.verb.objects) if trigger.type == "ACCUSE" else set()
        for obj in objs:
            kinds = None if obj.lemma_.lower() in own else referent_kinds(obj, trigger,
                                                                          self.lexicon)
            codes = self.state.last_actors(kinds, exclude) if kinds else ()
            if codes and self.index.at(obj) is None:
                return [self.state.party_for(c, kinds or (), obj.text) for c in codes]
        if trigger.type == "ACCUSE" and trigger.verb.objects and len(objs) == 1:
            # "Tokyo lodged a protest", "voiced alarm": at the latest act of force coded
            codes = tuple(c for c in self.state.forceful if c not in exclude)
            return [self.state.actor_for(c, trigger.token.text) for c in codes]
        return []

    def _may_fill(self, trigger: Trigger, actors: list[Actor], recipients: list[Actor]) -> bool:
        """Whether the missing side may be taken from the parties in play.

        Cooperative acts only when the named party is the one met ("the summit with
        Japan"): a government holding a meeting alone is not meeting its last partner.
        Conflict acts and mobilisations point at the adversary in play.
        """
        if trigger.type in FILLED_CONFLICT and trigger.mode != "weapons":
            # a deployment or alert faces the adversary in play; a missile test faces no one
            return bool(actors) and not recipients and self.state.conflict_in_play
        if trigger.type in DIRECTED_CONFLICT:
            return False
        entry = trigger.verb or trigger.noun
        if trigger.type == "CONCEDE" and entry is not None and entry.type == "CONCEDE":
            # "said he was sorry", "would lift the export controls": toward the other side
            # (not a halt of force, whose target is named or unknown)
            return bool(actors) and not recipients
        return not actors and bool(recipients)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    """One actor per country or organisation, and per sector of it ("police and
    prosecutors" are two parties of one country)."""
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for a in actors:
        if (a.code, a.sector) not in seen:
            seen.add((a.code, a.sector))
            out.append(a)
    return out


def _others_of_group(actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """ "The leaders pledged solidarity with Qatar", Qatar among them: the others act on
    it."""
    codes = {r.code for r in recipients}
    if len({a.code for a in actors}) < GROUP_SIZE or not codes or not codes <= {
            a.code for a in actors}:
        return actors
    return [a for a in actors if a.code not in codes]


def _document_subject(trigger: Trigger) -> bool:
    """ "The communique called on ...", and "It also urged ..." right after it."""
    verb = trigger.token if trigger.verb is not None else trigger.light
    if verb is None:
        return False
    if _misread_document(verb):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lemma_.lower() in side_words().documents or (
        c.lower_ == "it" and _after_document(c))) for c in verb.children)


def _misread_document(verb: Token) -> bool:
    """ "The statement called on states ...", parsed as a noun with a participle."""
    noun = verb.head
    documents = side_words().documents
    return verb.dep_ == "acl" and noun.dep_ == "ROOT" and noun.lemma_.lower() in documents \
        and noun.i < verb.i


def _after_document(tok: Token) -> bool:
    """Whether the sentence before ``tok``'s has a document as its main subject."""
    start = tok.sent.start
    if start == 0:
        return False
    root = tok.doc[start - 1].sent.root
    documents = side_words().documents
    if root.lemma_.lower() in documents and any(_misread_document(c) for c in root.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in documents
               for c in root.children)


def _reciprocal(trigger: Trigger) -> bool:
    """ "Each side accused the other", "accused each other"."""
    return any(t.lower_ in RECIPROCALS for c in trigger.token.children
               if c.dep_ in ("dobj", "pobj", "prep") for t in c.subtree)


def _symmetric(trigger: Trigger) -> bool:
    if trigger.verb is not None:
        return trigger.verb.frame in ("symmetric", "solo")
    if trigger.mode == "ceasefire" or (trigger.noun is not None
                                       and trigger.noun.frame == "symmetric"):
        return True  # "a ceasefire between Israel and Hezbollah", "a prisoner swap"
    return trigger.type in ("CONSULT", "AGREE", "COOPERATE", "SUPPORT") and trigger.mode != "visit"


