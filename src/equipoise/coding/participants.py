"""Turning a trigger into its two sides: the mentions acting and the mentions acted on."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from equipoise.actors.mentions import Mention
from equipoise.actors.nonparties import nonparty_words
from equipoise.actors.speakers import SPEECH_VERBS
from equipoise.coding.arguments import (
    MentionIndex,
    agent_of,
    direct_subject,
    mentions_of,
    misread_object,
    objects,
    prep_objects,
    subject,
)
from equipoise.coding.reported import fired_from, source_not_agent
from equipoise.coding.sidewords import side_words
from equipoise.coding.triggers import (
    Trigger,
    agent_clause,
    agents_of,
    of_objects,
    participle_of,
    predicate_noun,
)

PASSIVE_SUBJECTS = ("nsubjpass", "nsubj")
COMPANION_WORDS = ("together", "along", "alongside", "with")
# what an envoy summoned with no agent is brought to, in the order that tells whose it is
SUMMONING_KINDS = ("context", "group", "capital", "adjective", "metonym", "reference")
SYMMETRIC_NOUN_TYPES = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
NOUN_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
ATTRIBUTING = ("blame", "attribute")  # verbs that lay an act on its doer
NOUN_PARTY_PREPS = ("with", "between", "among", "of", "from")  # "a call from Putin"
VICTIM_PREPS = ("on", "against", "at", "upon")
NOUN_TARGET_PREPS = ("to", "for", "on", "against", "with", "at", "into", "toward", "towards", "in",
                     "across", "around", "inside")


@dataclass(frozen=True, slots=True)
class Sides:
    """The parties of one trigger, before references are resolved."""

    actors: tuple[Mention, ...]
    recipients: tuple[Mention, ...]
    inherited: bool = False
    host: tuple[Mention, ...] = ()
    earlier_agent: bool = False  # "among those detained were ...": the story's detainer


def sides_of(trigger: Trigger, index: MentionIndex) -> Sides:
    sides = _verb_sides(trigger, index) if trigger.verb is not None else \
        _noun_sides(trigger, index)
    if trigger.verb is not None:
        sides = _with_ellipsis(sides, trigger.token, index)
    if trigger.type != "CONSULT":
        return sides
    kept = tuple(m for m in sides.recipients if not _topic(m, trigger.token, index))
    return sides if kept == sides.recipients else replace(sides, recipients=kept)


def _with_ellipsis(sides: Sides, verb: Token, index: MentionIndex) -> Sides:
    """ "A and B were received by the president, as were C, D and E", "Germany condemned
    the attack, as did France and Italy": the subjects of the elliptical "as" clause take
    the main subject's side."""
    extra: list[Mention] = []
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.lemma_.lower() not in ("be", "do", "have") or not any(
                c.dep_ == "mark" and c.lower_ == "as" for c in clause.children):
            continue
        for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            extra += [m for t in subj.subtree if (m := index.at(t)) is not None
                      and m.head == t.i and m not in extra]
    if not extra:
        return sides
    main = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    if any(m.head in main for m in sides.recipients):
        return replace(sides, recipients=sides.recipients + tuple(extra))
    if any(m.head in main for m in sides.actors):
        return replace(sides, actors=sides.actors + tuple(extra))
    return sides


def _topic(mention: Mention, trigger: Token, index: MentionIndex) -> bool:
    """ "discussed the war in Sudan and the situation in Yemen", "talks on the Ukraine
    conflict", "spoke about the crisis in Gaza": a state named inside what was discussed is
    a topic of the meeting, not one of its parties."""
    tok = trigger.doc[mention.head]
    topics = side_words().topics
    while tok.i != trigger.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == trigger.i:
            return False
        if tok.pos_ == "NOUN" and index.at(tok) is None and tok.lemma_.lower() in topics:
            return True
    return False


def _reported_sides(verb: Token, index: MentionIndex) -> Sides:
    """ "Seoul said the drills violated resolutions": the speaker accuses the subject."""
    speaker = _speaker(verb)
    if speaker is None:
        return Sides((), ())  # the writer's own statement is no one's accusation
    holder = _predicated_of(verb)
    accused = mentions_of([c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")],
                          index, events=True)
    if not accused:  # "any provocation would bring consequences for the Maduro government"
        accused = mentions_of([g for c in holder.children if c.dep_ in ("prep", "dative")
                               and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"],
                              index)
    return Sides(tuple(mentions_of(direct_subject(speaker), index)), tuple(accused))


def _predicated_of(verb: Token) -> Token:
    """The clause a judging word belongs to: the copula of "the bid was hostile", "the
    launch was a provocation", "the move was a hostile act"."""
    if verb.pos_ == "ADJ" and verb.dep_ == "amod" and predicate_noun(verb.head):
        return verb.head.head
    if (verb.pos_ == "ADJ" and verb.dep_ == "acomp") or predicate_noun(verb):
        return verb.head
    return verb


def _speaker(verb: Token) -> Token | None:
    tok = _predicated_of(verb)
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "conj", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS:
            return tok
    return None


def _verb_sides(trigger: Trigger, index: MentionIndex) -> Sides:
    assert trigger.verb is not None
    verb = trigger.token
    if trigger.verb.frame == "reported":
        return _reported_sides(verb, index)
    if trigger.verb.frame == "felt":  # "he was horrified by the strike": he reacts to it
        felt = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
        return Sides(tuple(mentions_of(felt, index)), ())
    noun = participle_of(verb)
    if noun is not None and trigger.type in side_words().material_types:
        # "five citizens released by Iran landed in Qatar": Iran released them
        agents = mentions_of(agent_of(verb), index)
        patients = [m for m in mentions_of([noun], index) if m not in agents]
        if agents and patients:
            return Sides(tuple(agents), tuple(patients))
    listed = _listed_patients(verb, index) if trigger.type in side_words().material_types else []
    if listed:
        return Sides((), tuple(listed), True, earlier_agent=True)
    subj_toks, inherited = subject(verb, index.names_actor)
    if inherited and source_not_agent(verb, trigger.type, index):
        subj_toks, inherited = [], False  # "a missile was launched, the JCS said"
    if not subj_toks:
        subj_toks = fired_from(verb, trigger.type, index)
    before, after = named_among(verb)
    subj = mentions_of(subj_toks + before + _companions(subj_toks, verb), index)
    preps = trigger.verb.preps
    if trigger.verb.frame == "solo":
        preps = tuple(p for p in preps if p not in ("with", "on", "upon"))
        obj_toks = [t for t in objects(verb, preps) if t.dep_ == "pobj"]
    else:
        obj_toks = objects(verb, preps)
    if trigger.verb.complements:  # "called North Korea's launches a provocation"
        # "called the threat to the oil firm unacceptable": the firm is threatened, not judged
        obj_toks = [t for t in obj_toks if not (t.head.lower_ == "to" and t.head.head.dep_ in (
            "dobj", "oprd"))]
        obj_toks += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children
                     if g.dep_ in ("nsubj", "nsubjpass")]
    obj_toks += after + misread_object(verb)
    obj_toks = _without_topic(verb, obj_toks, subj, index)
    if trigger.type == "ACCUSE":
        obj_toks = _without_victims(verb, obj_toks)
    reacting = not trigger.verb.objects  # the object is another's act, not this act's substance
    obj = [m for m in mentions_of(obj_toks, index, events=reacting) if m not in subj]
    if trigger.type == "CONSULT":
        obj = _guest_not_venue(obj, verb)
    if trigger.type == "ACCUSE" and (not subj or inherited):  # not "officials said"
        summoner = _summoned_to(obj, verb, index)
        if summoner:
            return Sides(summoner, tuple(m for m in obj if m not in summoner), inherited)
    if trigger.verb.frame == "host":
        return Sides(tuple(obj), tuple(subj), inherited)
    return Sides(tuple(subj), tuple(obj), inherited)




def _companions(subjects: list[Token], verb: Token) -> list[Token]:
    """ "Japan, together with Australia and the Philippines, held a drill", "X, along with
    Y, condemned ...", "X alongside Y": the companions act with the subject (the phrase
    hangs on the subject, or on the verb between the two)."""
    out: list[Token] = []
    if not subjects:
        return out
    first = min(t.i for t in subjects)
    between = [c for c in verb.children if first < c.i < verb.i]
    for tok in subjects:
        for c in [*tok.children, *between]:
            if c.lower_ not in COMPANION_WORDS:
                continue
            for p in (c, *(d for d in c.children if d.lower_ == "with")):
                if p.lower_ == "with" and c.lower_ == "with" and not any(
                        a.lower_ in COMPANION_WORDS for a in p.children):
                    continue  # a bare "with" may be anything
                out += [g for g in p.children if g.dep_ == "pobj"]
    return out


def _summoned_to(obj: list[Mention], verb: Token, index: MentionIndex
                 ) -> tuple[Mention, ...]:
    """ "The ambassadors of A, B and C were summoned to the foreign ministry (in Tehran)",
    "was summoned to the Iraqi foreign office": with no agent, the office or capital the
    envoys were brought to is the summoning state's, not another recipient."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return ()
    doc = verb.doc
    # "the foreign ministry in Manila": the city says whose ministry it is
    cities = [index.at(g) for m in obj if m.kind == "reference" for p in doc[m.head].children
              if p.dep_ == "prep" and p.lower_ in ("in", "at") for g in p.children
              if g.dep_ == "pobj"]
    obj = obj + [m for m in cities if m is not None and m.kind == "capital" and m not in obj]
    if len(obj) < 2:
        return ()
    brought = [m for m in obj if m.kind in SUMMONING_KINDS
               and _pobj_of_verb(doc[m.head], verb, ("to", "in", "at"))]
    # the office's own country or its city first; a bare "the foreign ministry" last
    brought.sort(key=lambda m: SUMMONING_KINDS.index(m.kind))
    return tuple(brought[:1])


def _pobj_of_verb(tok: Token, verb: Token, preps: tuple[str, ...]) -> bool:
    while tok.dep_ in ("appos", "conj", "compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
        return False
    above = tok.head.head
    if above.dep_ == "pobj" and above.head.head.i == verb.i:
        return True  # "to the foreign ministry in Tehran"
    return above.i == verb.i


def _without_topic(verb: Token, obj_toks: list[Token], subj: list[Mention],
                   index: MentionIndex) -> list[Token]:
    """ "The presidents of Egypt and Kenya discussed the war in Sudan", "discussed Ukraine
    with Macron": the object of a verb of discussing is the topic, when the subject and
    the "with" object already name the two sides (with one side only, the object is kept:
    "officials gathered to discuss a U.S. proposal")."""
    if verb.lemma_.lower() not in nonparty_words().topic_verbs:
        return obj_toks
    topic = {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree}
    kept = [t for t in obj_toks if t.i not in topic]
    sides = {a.code for m in subj + mentions_of(kept, index) for a in m.actors}
    return kept if len(sides) >= 2 else obj_toks


def _without_victims(verb: Token, obj_toks: list[Token]) -> list[Token]:
    """ "condemned the Israeli strikes on Syria", "denounced the attack on the Turkish
    embassy": the victim of the condemned act is not the one condemned."""
    attacks = nonparty_words().attacks
    return [t for t in obj_toks if not (
        t.dep_ == "pobj" and t.head.lower_ in VICTIM_PREPS and t.head.head.dep_ == "dobj"
        and t.head.head.head.i == verb.i and t.head.head.lemma_.lower() in attacks)]


def _listed_patients(verb: Token, index: MentionIndex) -> list[Mention]:
    """ "Among those detained were Greta Thunberg, 24 Turkish citizens and two Colombian
    women", "Those killed included two Britons and a Canadian": the people a participle
    with no agent describes, listed by the sentence's main verb. The act is the one the
    story told before; its doer is taken from there."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or agent_of(verb):
        return []
    holder = verb.head
    main = holder.head.head if holder.dep_ == "pobj" and holder.head.lower_ == "among" else (
        holder.head if holder.dep_ in ("nsubj", "nsubjpass") else None)
    if main is None or main.lemma_.lower() not in side_words().listing:
        return []
    deps = ("nsubj", "attr") if holder.dep_ == "pobj" else ("dobj", "attr")
    found: list[Mention] = []
    for tok in (t for c in main.children if c.dep_ in deps and c.i != holder.i
                for t in c.subtree):
        m = index.at(tok)
        if m is not None and m not in found and m.actors and all(a.country for a in m.actors):
            found.append(m)
    return found


VENUE_KINDS = ("capital", "country", "metonym")


def _guest_not_venue(obj: list[Mention], verb: Token) -> list[Mention]:
    """ "welcomed Wang Yi to Brussels", "received Xi in Seoul": with a guest named, the
    city or country after "to"/"in" on the verb is where, not whom."""
    doc = verb.doc
    guests = [m for m in obj if doc[m.head].dep_ in ("dobj", "nsubjpass")
              or doc[m.head].head.dep_ == "dobj"]
    if not guests:
        return obj
    return [m for m in obj if m in guests or not (
        m.kind in VENUE_KINDS and doc[m.head].dep_ == "pobj"
        and doc[m.head].head.lower_ in ("to", "in") and doc[m.head].head.head.i == verb.i)]


GROUP_PRONOUNS = ("them", "those")


def named_among(verb: Token) -> tuple[list[Token], list[Token]]:
    """Members named in "among them" hung on the verb: of its subject when before it ("nine
    governments, among them Argentina and Peru, rejected"), of its object when after
    ("warrants for 100 people, among them mayors and a journalist")."""
    before: list[Token] = []
    after: list[Token] = []
    for prep in verb.subtree:
        pobjs = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.dep_ != "prep" or prep.lower_ != "among" or not any(
                g.lower_ in GROUP_PRONOUNS for g in pobjs) or not _nominal_path(prep, verb):
            continue
        named = [g for g in pobjs if g.lower_ not in GROUP_PRONOUNS]
        if not named and prep.head.pos_ in ("NOUN", "PROPN"):
            named = [prep.head]  # parsed as "[among them] three journalists"
        (before if prep.i < verb.i else after).extend(named)
    return before, after


def _nominal_path(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` hangs on ``verb`` through nouns and prepositions only (no other
    clause in between)."""
    head = tok.head
    while head.i != verb.i:
        if head.pos_ not in ("NOUN", "PROPN", "ADP", "NUM", "PRON") or head.head.i == head.i:
            return False
        head = head.head
    return True


def _modifier_mentions(noun: Token, index: MentionIndex) -> tuple[list[Mention], list[Mention]]:
    """Parties named in a noun's modifiers, and hosts ("Türkiye-brokered talks")."""
    found: list[Mention] = []
    hosts: list[Mention] = []
    for c in noun.children:
        if c.dep_ not in NOUN_MODIFIER_DEPS:
            continue
        participle = c.tag_ == "VBN" or c.lemma_.lower() in side_words().host_participles
        for t in c.subtree:
            m = index.at(t)
            if m is None or m.head == noun.i or m in found or m in hosts:
                continue
            if participle:
                if c.lemma_.lower() in side_words().host_participles:
                    hosts.append(m)
            else:
                found.append(m)
    return found, hosts


def _given_from(noun: Token, index: MentionIndex) -> Sides:
    """ "intercepted the drones with help from France and Britain": France and Britain aid
    the subject of the clause."""
    givers = mentions_of(prep_objects(noun, ("from", "by")), index)
    verb = noun.head.head
    receivers = mentions_of(subject(verb, index.names_actor)[0], index) if verb.pos_ in (
        "VERB", "AUX") else []
    return Sides(tuple(givers), tuple(m for m in receivers if m not in givers), True)


def _blamed_on(noun: Token) -> list[Token]:
    """ "An air strike blamed on Israel", "an attack attributed to Hamas": the doer the
    report lays the act on."""
    return [g for a in noun.children if a.dep_ == "acl" and a.lemma_.lower() in ATTRIBUTING
            for g in prep_objects(a, ("on", "to"))]


def _noun_sides(trigger: Trigger, index: MentionIndex) -> Sides:
    noun, light = trigger.token, trigger.light
    if trigger.noun is not None and trigger.noun.frame == "from":
        return _given_from(noun, index)
    own, hosted = _modifier_mentions(noun, index)
    by = mentions_of(prep_objects(noun, ("by",)) + _blamed_on(noun), index)
    subj: list[Mention] = []
    inherited = False
    host: list[Mention] = []
    if light is not None:
        doer = _doer(light)
        toks = direct_subject(doer) or subject(doer, index.names_actor)[0]
        inherited = not direct_subject(doer)
        subj = mentions_of(toks, index)
        if light.lemma_.lower() in side_words().joining:  # "to join Biden and Marcos for a summit"
            subj += mentions_of([c for c in light.children if c.dep_ == "dobj"], index)
        if doer.lemma_.lower() in side_words().hosting and not prep_objects(noun, ("with",)):
            # "hosted talks between X and Y", "brokered a ceasefire between X and Y": a third
            # party; "host a summit with" joins
            host, subj = subj, []
    host += mentions_of(_hosted_by(noun), index) + hosted
    if light is None and not own:
        subj, inherited = _enclosing_subject(noun, index), True
        if not subj and noun.dep_ in ("dobj", "nsubjpass") and prep_objects(noun, ("with",)):
            # "Russia cancelled talks with Japan": Russia was the other side of the talks
            subj = mentions_of(subject(noun.head, index.names_actor)[0], index)
    if subj:  # "imposed Ukraine-related sanctions": the subject acts, modifiers only describe
        own = [m for m in own if m.head in {t.i for c in noun.children if c.dep_ == "poss"
                                             for t in c.subtree}]
    symmetric = (trigger.type in SYMMETRIC_NOUN_TYPES and trigger.mode != "visit") or (
        trigger.mode == "ceasefire") or (trigger.noun is not None
                                         and trigger.noun.frame == "symmetric")
    if symmetric:
        with_light = prep_objects(light, ("with",)) if light is not None else []
        # "made a phone call to", "placed a call to": a call goes to the other party
        preps = NOUN_PARTY_PREPS + (("to",) if trigger.mode == "phone" else ())
        parties = mentions_of(prep_objects(noun, preps) + with_light, index)
        if not parties and subj and inherited and light is None:
            parties = _addressee(noun, index)  # "told Zelenskiy in a phone call"
        actors = _unique(subj + own + by)
        return Sides(tuple(actors), tuple(m for m in parties if m not in actors), inherited,
                     tuple(host))
    targets = mentions_of(prep_objects(noun, NOUN_TARGET_PREPS), index)
    if trigger.noun is not None and trigger.noun.objects:
        targets += _acted_on(noun, index)
    elif trigger.type == "COERCE":  # "ordered the arrest of the former president"
        targets += mentions_of(of_objects(noun), index)
    if trigger.mode == "visit":  # "the visit by Japan's prime minister to Canberra"
        targets += mentions_of([g for b in prep_objects(noun, ("by",))
                                for g in prep_objects(b, ("to",))], index)
    outer = _counted_by(noun)
    if outer is not None:  # "a wave of strikes across Lebanon"
        targets += mentions_of(prep_objects(outer, NOUN_TARGET_PREPS), index)
    clause = agent_clause(noun)
    if light is not None:
        among = named_among(light)[1] if trigger.token.dep_ == "dobj" else []
        targets += mentions_of(prep_objects(light, NOUN_TARGET_PREPS) + among, index)
    elif clause is not None:  # "strikes carried out by X against Y"
        targets += mentions_of(prep_objects(clause, ("against", "on", "in", "at")), index)
    elif trigger.result is not None:  # "an air strike destroyed Iran's consulate"
        verb = trigger.result
        targets += mentions_of([c for c in verb.children if c.dep_ == "dobj"]
                               + prep_objects(verb, ("to", "on", "at")), index, events=True)
    # "strikes carried out by Turkey": the doer of an act (not "a summit convened by X")
    by += mentions_of([t for t in agents_of(noun) if t.dep_ != "pobj" or t.head.head.i != noun.i],
                      index)
    actors = _unique(subj + own + by)
    return Sides(tuple(actors), tuple(m for m in _unique(targets) if m not in actors), inherited,
                 tuple(host))


def _doer(light: Token) -> Token:
    """The verb whose subject does the act: the light verb, or the verb of which an acting
    noun is the object ("the EU announced the imposition of sanctions")."""
    if light.pos_ in ("NOUN", "PROPN") and light.dep_ == "dobj":
        return light.head
    return light


def _acted_on(noun: Token, index: MentionIndex) -> list[Mention]:
    """Whom an act told as a noun is aimed at: "the recall of its ambassador to France" (the
    envoy's posting), "the expulsion of the Israeli ambassador" (the envoy's state), "the
    suspension of its pact with Seoul", "the withdrawal of its troops from a base in Chad"."""
    held = of_objects(noun)
    places = [g for o in held for g in prep_objects(o, ("to", "in", "from", "with", "between"))]
    places += prep_objects(noun, ("from",))
    places += [g for p in places for g in prep_objects(p, ("in",))]
    return mentions_of(places, index) + mentions_of(held, index)


def _counted_by(noun: Token) -> Token | None:
    """The noun that counts an event noun ("a wave of strikes", "a series of talks")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
        return prep.head
    return None


def _enclosing_subject(noun: Token, index: MentionIndex) -> list[Mention]:
    """ "Putin agreed in a phone call with Trump": the subject of the verb around the call."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "for", "after", "following",
                                                   "at") or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return mentions_of(subject(prep.head, index.names_actor)[0], index)


def _addressee(noun: Token, index: MentionIndex) -> list[Mention]:
    verb = noun.head.head
    if noun.dep_ != "pobj" or verb.pos_ != "VERB":
        return []
    return mentions_of([c for c in verb.children if c.dep_ in ("dobj", "dative")], index)


def _hosted_by(noun: Token) -> list[Token]:
    """ "talks, hosted by Türkiye" or "talks mediated by Qatar": the host is a third party."""
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("host", "mediate", "broker", "facilitate"):
            out += [g for a in c.children if a.dep_ == "agent" for g in a.children
                    if g.dep_ == "pobj"]
    return out


def _unique(items: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in items:
        if m not in out:
            out.append(m)
    return out
