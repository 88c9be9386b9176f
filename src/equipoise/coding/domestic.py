"""Domestic events: both sides in one country, of different sectors.

"Police arrested protesters", "a court convicted the opposition leader", "rebels attacked
an army base": one country acts on itself through different parts of it. The coder's
checks for an interaction count countries; an act between two sectors of one country is
an interaction too, as long as each side says which part of the country it is. A side
with no sector, or the same sector on both sides ("the government fired the minister"),
stays what it was: one party alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.mentions import Mention
from equipoise.actors.sectors import load_context_words
from equipoise.coding.arguments import MentionIndex
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.triggers import Trigger
from equipoise.models import Actor, Location


def is_domestic(actors: Sequence[Actor], recipients: Sequence[Actor]) -> bool:
    """Whether the two named sides are different sectors of one country."""
    if not actors or not recipients:
        return False
    everyone = [*actors, *recipients]
    if len({a.code for a in everyone}) != 1 or any(a.country is None for a in everyone):
        return False
    ours = {a.sector for a in actors}
    theirs = {a.sector for a in recipients}
    return None not in ours | theirs and not ours & theirs


def same_party(actor: Actor, other: Actor) -> bool:
    """One side named twice: same country (or organisation) and, where both say, the same
    sector ("Georgian police" and "protesters in Tbilisi" are two parties)."""
    if actor.code != other.code:
        return False
    return actor.sector is None or other.sector is None or actor.sector == other.sector


def other_sectors(actors: Sequence[Actor], recipients: Sequence[Actor]) -> list[Actor]:
    """The recipients that are not one of the actors named again."""
    return [r for r in recipients if not any(same_party(a, r) for a in actors)]


CLAUSE_LINKS = ("conj", "ccomp", "advcl")
STATEMENTS = frozenset({"REQUEST", "SUPPORT", "AGREE", "ACCUSE", "REJECT"})
PROTESTERS = frozenset({"CVL", "EDU", "LAB", "OPP", "HLH", "REL", "REF", "BUS", "MED", "NGO"})


def against_government(actors: Sequence[Actor], text: str) -> list[Actor]:
    """Whom a protest with no named target is against: its own country's government,
    when the protesters are people of one country (PLOVER codes a demonstration as
    directed at the authorities it petitions)."""
    codes = {a.country for a in actors}
    if len(codes) != 1 or None in codes or not all(a.sector in PROTESTERS for a in actors):
        return []
    code = next(iter(codes))
    return [Actor(text=text, name=code, country=code, sector="GOV")]


PEOPLE = frozenset({"CVL", "EDU", "LAB", "HLH", "REL", "REF"})


def one_crowd(actors: Sequence[Actor]) -> list[Actor]:
    """A crowd named by a general word and by particular ones ("students and other young
    people", "crowds of drivers, students and workers") is people at large, CVL: the
    protest is the crowd's, not each kind of person's in it."""
    if len({a.country for a in actors}) != 1 or not all(a.sector in PEOPLE for a in actors):
        return list(actors)
    general = [a for a in actors if a.sector == "CVL" and not _backers(a)]
    return general or list(actors)


SUPPORTERS = frozenset({"supporters", "supporter", "loyalists", "followers"})


def _backers(actor: Actor) -> bool:
    """ "students and their supporters": the supporters join a crowd, they are no general
    word for it."""
    words = (actor.text or "").lower().split()
    return bool(words) and words[-1] in SUPPORTERS
REPRESSIVE = frozenset({"COERCE", "SANCTION", "ASSAULT"})


def champions(mentions: Sequence[Mention], doc: Doc, index: MentionIndex) -> set[str]:
    """Whose supporters protest ("Bazoum supporters marched", "supporters of Imamoglu
    rallied", "Yoon's supporters held a rally"): the names of their owner."""
    out: set[str] = set()
    for m in mentions:
        head = doc[m.head]
        if head.lower_ not in SUPPORTERS:
            continue
        owners = [c for c in head.children if c.dep_ in ("compound", "poss")] + [
            g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"]
        for owner in owners:  # "supporters of nationalist politician Sadyr Japarov"
            hit = next((h for t in owner.subtree if (h := index.at(t)) is not None), None)
            if hit is not None:
                out |= {a.name for a in hit.actors if a.name}
            elif owner.pos_ == "PROPN":  # a surname the finder left in the phrase
                out.add(owner.text)
    return out


GOING = frozenset({"resign", "step", "quit", "leave", "cede", "relinquish"})


def refuses_to_go(trigger: Trigger) -> bool:
    """ "has refused to resign", "rejected calls to step down": a refusal aimed at those
    who detained, impeached or ousted the speaker (``acted_on``)."""
    return trigger.type == "REJECT" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in GOING for c in trigger.token.children)


def without(actors: Sequence[Actor], owners: set[str]) -> list[Actor]:
    """The marchers apart from the one they support ("supporters of Japarov rallied":
    Japarov is not among them)."""
    return [a for a in actors if not (a.name in owners or owners & set((a.name or "").split()))]


def acted_on(owners: set[str], acts: Sequence[tuple[str, list[Actor], list[Actor]]]
             ) -> list[Actor]:
    """Those who last detained, convicted, impeached or attacked one of ``owners``: whom
    their supporters protest against (PLOVER codes the protest at those it petitions)."""
    if not owners:
        return []
    for kind, actors, recipients in reversed(acts):
        names = {r.name for r in recipients if r.name}
        words = {w for n in names for w in n.split()}
        if kind in REPRESSIVE and (owners & names or owners & words):
            return list(actors)
    return []


def crowd_at(place: Location | None, text: str, here: Sequence[Actor],
             trigger: Trigger) -> list[Actor]:
    """A crowd named by no nationality is people of the place where it protests
    ("thousands gathered in Tbilisi"), else, when the verb's subject is a crowd ("thousands
    of people gathered outside city hall after police detained the mayor"), of the one
    country its sentence names."""
    if place is not None and place.country is not None:
        return [Actor(text=text, name=place.place or place.country, country=place.country,
                      sector="CVL")]
    codes = {a.country for a in here}
    crowd = trigger.verb is not None and bool(trigger.verb.armed)
    if not crowd or len(codes) != 1 or None in codes or any(a.org for a in here):
        return []
    code = next(iter(codes))
    return [Actor(text=text, name=code, country=code, sector="CVL")]


def names_a_part(actor: Actor, actors: ActorDictionary | None) -> bool:
    """Whether an actor is one part of its state, not the state named as a whole
    ("Beijing", "Kenya"), which is no side of an act inside that state."""
    if actor.sector not in (None, "GOV") or actor.title or actors is None:
        return actor.sector is not None
    country = actors.countries.get(actor.country or "")
    return country is None or actor.name not in (country.name, actor.country)


def domestic_pair(actors: Sequence[Actor], recipients: Sequence[Actor],
                  dictionary: ActorDictionary | None) -> bool:
    """Two sides that are different parts of one state: a domestic event."""
    return is_domestic(actors, recipients) and all(
        names_a_part(a, dictionary) for a in [*actors, *recipients])


UNORGANISED = frozenset({"CVL", "REF"})
# nor is talking to the press a meeting ("speaking to Azerbaijani state television")
NO_MEETING = UNORGANISED | {"MED"}


def implausible(kind: str, actors: Sequence[Actor], recipients: Sequence[Actor]) -> bool:
    """Acts the sectors rule out: people at large do not hold meetings ("Thailand hosts
    90,000 refugees" is no visit), an interview is no meeting, and a company that stops a
    service does not sanction a state ("Lufthansa suspended flights to Tel Aviv")."""
    everyone = [*actors, *recipients]
    if kind == "CONSULT" and any(a.sector in NO_MEETING for a in everyone):
        return True
    return kind == "SANCTION" and bool(actors) and all(a.sector == "BUS" for a in actors)


# what an arrest may be done to with no name: numbers ("detained 100"), "them" ("took
# them away") and the role nouns of people at large ("arrested dozens of protesters")
PEOPLE_TAGS = ("NUM",)


def crowd_in_play(crowd: tuple[int, list[Actor]] | None, tok: Token) -> list[Actor]:
    """The protesters of a protest told in this sentence or the one before ("students
    broke through a barricade, and riot officers responded with pepper spray")."""
    if crowd is None:
        return []
    where, actors = crowd
    sent = tok.sent
    before = tok.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return actors if before <= where < sent.end else []


def crowd_target(trigger: Trigger, actors: Sequence[Actor],
                 dictionary: ActorDictionary | None, named: set[str | None],
                 crowd: Sequence[Actor] = ()) -> list[Actor]:
    """Whom police or soldiers acted on when the text names no one, or only people in
    general ("police fired tear gas", "detained more than 100 people"): the protesters just
    told of (``crowd``), else civilians of their own country (``context.toml`` [crowd] lists
    the acts and the forces). Not when the sentence names another country (``named``),
    whose ships or troops may be the target."""
    words = load_context_words()
    codes = {a.country for a in actors}
    if trigger.mode not in words.crowd_modes or dictionary is None or len(codes) != 1 or \
            None in codes or not all(a.sector in words.forces for a in actors) or \
            named - codes:
        return []
    tok = trigger.token
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    sector = "CVL"
    if obj is not None:
        role = dictionary.roles.get(obj.lower_) or dictionary.roles.get(obj.lemma_.lower())
        if obj.pos_ == "PROPN" or (trigger.mode != "crowd-control" and role is None
                                   and obj.pos_ not in PEOPLE_TAGS and obj.lower_ != "them"):
            return []  # "detained the mayor", "seized a boat": someone else, or a thing
        sector = role.sector if role is not None and trigger.mode != "crowd-control" else sector
    code = next(iter(codes))
    weapon = obj is None or trigger.mode == "crowd-control"  # "fired tear gas": no one named
    if weapon and crowd and {a.country for a in crowd} == codes and all(
            a.sector in PROTESTERS for a in crowd):
        return [replace(a, text=tok.text) for a in crowd]
    text = obj.text if obj is not None and trigger.mode != "crowd-control" else tok.text
    return [Actor(text=text, name=text, country=code, sector=sector)]


REFERRING_PREPS = ("about", "over", "at", "on", "against", "by")
# what a demand is for, and the act it would end or look into ("called for a halt to the
# fighting", "for an investigation into the killings")
REQUESTED_PREPS = ("for",)
NESTED_PREPS = ("to", "into", "of")
ANSWERED = ("REQUEST", "THREATEN", "SANCTION")


def referred_kinds(trigger: Trigger, lexicon: Lexicon) -> tuple[str, ...]:
    """The kinds of earlier act a reaction refers to: by the noun it names ("condemned
    the arrest", "concerned by the ruling"), by the act an attempt or a demand names
    ("condemned any attempt to seize power", "called for a halt to the fighting"), or, for
    a denial with no object ("denied that any such device was used"), the accusation it
    answers."""
    if trigger.type == "CONCEDE" or (trigger.type == "RETREAT" and trigger.mode == "resign"):
        # "put the plan on hold", "the minister stepped down": to those who protested
        return ("PROTEST",)
    tok = trigger.token
    preps = REFERRING_PREPS + (REQUESTED_PREPS if trigger.type == "REQUEST" else ())
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in (tok, *objs) for p in c.children  # "concerned by": an agent
             if p.dep_ in ("prep", "agent") and p.lower_ in preps
             for g in p.children if g.dep_ == "pobj"]
    objs += [g for o in objs for p in o.children if p.dep_ == "prep"
             and p.lower_ in NESTED_PREPS for g in p.children if g.dep_ == "pobj"]
    if tok.dep_ == "conj" and any(o.lower_ in ("it", "this") for o in objs):
        # "the guild condemned the ban, and Amnesty called it unconstitutional"
        objs += [c for c in tok.head.children if c.dep_ == "dobj"]
    for obj in objs:
        kinds = lexicon.referents.get(obj.lemma_.lower()) or _attempted(obj, lexicon)
        if kinds:
            return kinds
    if trigger.type == "REJECT" and not objs and any(c.dep_ == "ccomp" for c in tok.children):
        return ("ACCUSE",)
    if trigger.type == "REJECT" and not objs and (
            any(c.dep_ == "xcomp" for c in tok.children) or _bare(tok)):
        return ANSWERED  # "refused to comply", "Zuniga refused": the demand or order before it
    return ()


def _bare(tok: Token) -> bool:
    """ "The general refused.": a refusal that says nothing of what is refused."""
    return tok.lemma_.lower() == "refuse" and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "advcl") for c in tok.children)


STOPPAGES = frozenset({"strike", "walkout", "shutdown", "stoppage", "protest", "boycott"})


def ends_protest(trigger: Trigger) -> bool:
    """ "called off its strike": the end of a protest, owed to the same government."""
    return trigger.type == "RETREAT" and trigger.verb is not None and bool(
        STOPPAGES & set(trigger.verb.objects))


def joins_protest(trigger: Trigger) -> bool:
    """ "the medical association joined in": a protest only when one was just told of
    ("joined the strike" names its own)."""
    tok = trigger.token
    return trigger.type == "PROTEST" and tok.lemma_.lower() == "join" and not any(
        c.dep_ == "dobj" for c in tok.children)


def _attempted(noun: Token, lexicon: Lexicon) -> tuple[str, ...]:
    """ "any attempt to seize power", "the bid to arrest him": the kinds of the act tried."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB"]
    return tuple(dict.fromkeys(e.type for v in verbs
                               for e in lexicon.verbs.get(v.lemma_.lower(), ())))


def conjoined_recipients(trigger: Trigger, actors: Sequence[Actor],
                         coded: dict[int, tuple[list[Actor], list[Actor]]]) -> list[Actor]:
    """A statement joined to another by the same speaker shares its addressee: "spoke to
    Bazoum by phone and pledged support", "condemned the killings and called for an
    inquiry" (``coded``: the sides of the sentence's triggers coded so far, by token)."""
    tok = trigger.token
    if trigger.type not in STATEMENTS or tok.dep_ != "conj":
        return []
    head = tok.head
    for _ in range(3):  # "condemned X, saying ..., and called for Y": up to the first act
        if head.i in coded or head.dep_ not in CLAUSE_LINKS or head.head.i == head.i:
            break
        head = head.head
    if head.i not in coded:
        return []
    their_actors, recipients = coded[head.i]
    if {a.code for a in their_actors} != {a.code for a in actors}:
        return []
    return list(recipients)


def decree_target(trigger: Trigger, actors: Sequence[Actor], named: set[str | None]
                  ) -> list[Actor]:
    """Whom a curfew, martial law or a ban on gatherings falls on when the text names no
    one: the civilians of the issuer's own country ("Haiti's government declared a nightly
    curfew"; ``context.toml`` [decrees]). Not when the sentence names another country."""
    decrees = load_context_words().decrees
    codes = {a.country for a in actors}
    if trigger.type != "COERCE" or decrees is None or len(codes) != 1 or None in codes or \
            named - codes or not all(a.sector in decrees.issuers for a in actors):
        return []
    banned = {c.lemma_.lower() for c in trigger.token.children if c.dep_ == "dobj"}
    if trigger.mode not in decrees.modes and not banned & decrees.gatherings:
        return []
    code = next(iter(codes))
    return [Actor(text=trigger.token.text, name=code, country=code, sector="CVL")]
