"""Finding the words that report events (verbs and event nouns) in a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from equipoise.coding.arguments import misread_object, objects, subject
from equipoise.coding.lexicon import Lexicon, NounTrigger, VerbTrigger


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word with the lexicon entry that applies to it."""

    token: Token
    type: str
    mode: str | None
    verb: VerbTrigger | None = None
    noun: NounTrigger | None = None
    light: Token | None = None  # the verb that makes an event noun its subject's act
    result: Token | None = None  # the verb telling what the event noun did ("killed")


IsActor = Callable[[Token], bool]
JOINING = {"join", "attend", "accompany", "meet"}


@dataclass(frozen=True, slots=True)
class ActorTests:
    """``is_actor``: the token stands for an actor; ``names_actor``: it or its modifiers do;
    ``is_traveller``: it can arrive somewhere as a visitor (defaults to ``is_visitor``)."""

    is_actor: IsActor
    names_actor: IsActor
    is_visitor: IsActor
    is_traveller: IsActor | None = None


def find_triggers(sent: Span, lexicon: Lexicon, tests: ActorTests) -> Iterator[Trigger]:
    for tok in sent:
        verbal = tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT")
        if verbal or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT")) or (
                predicate_noun(tok)):
            hit = _verb_trigger(tok, lexicon, tests, adjective=not verbal)
            if hit is not None:
                yield hit
        if tok.pos_ in ("NOUN", "PROPN"):
            hit = _noun_trigger(tok, lexicon)
            if hit is not None:
                yield hit


def predicate_noun(tok: Token) -> bool:
    """A noun said of a subject through a copula ("the launch was a provocation"): like a
    predicate adjective, it can judge the subject (``adjective`` entries)."""
    return tok.pos_ == "NOUN" and tok.dep_ == "attr" and tok.head.lemma_.lower() == "be"


def _verb_trigger(tok: Token, lexicon: Lexicon, tests: ActorTests, *, adjective: bool = False
                  ) -> Trigger | None:
    lemma = tok.lower_ if adjective and tok.pos_ != "NOUN" else tok.lemma_.lower()
    if lemma in lexicon.decisions and _decides_an_act(tok, lexicon, tests):
        return None  # "decided to sever relations": the severing is the event
    if lemma in lexicon.settling_verbs and _settled_measure(tok, lexicon) is not None:
        return None  # "agreed on the closure of the borders": the closure is the event
    if lemma in lexicon.companions and _joins_an_act(tok, lexicon, tests):
        return None  # "joined Washington in condemning it": the condemning is the event
    for entry in lexicon.verbs.get(lemma, ()):
        if entry.adjective != adjective:
            continue
        if _applies(tok, entry, tests, lexicon):
            return Trigger(tok, entry.type, entry.mode, verb=entry)
    return None


def _decides_an_act(tok: Token, lexicon: Lexicon, tests: ActorTests) -> bool:
    for clause in (c for c in tok.children if c.dep_ == "xcomp"):
        if _verb_trigger(clause, lexicon, tests) is not None:
            return True
        if any(_noun_trigger(o, lexicon) is not None for o in clause.children
               if o.dep_ == "dobj"):
            return True
    return False


def _joins_an_act(tok: Token, lexicon: Lexicon, tests: ActorTests) -> bool:
    gerunds = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
               for g in p.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    return any(_verb_trigger(g, lexicon, tests) is not None for g in gerunds)


def _settled_measure(verb: Token, lexicon: Lexicon) -> Token | None:
    """The measure a verb of settling is on ("agreed on new sanctions"), or None."""
    for noun in (g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                 for g in c.children if g.dep_ == "pobj"):
        hit = _noun_trigger(noun, lexicon)
        if hit is not None and hit.type in lexicon.settled_types:
            return noun
    return None


def _object_lemmas(tok: Token, lexicon: Lexicon) -> set[str]:
    objs = objects(tok, ("at", "on", "against", "from", "of", "with"))
    if participle_of(tok) is not None:
        objs.append(tok.head)  # "five citizens released by Iran": the noun is the object
    out = set()
    for o in objs:
        if o.lemma_.lower() in lexicon.quantity_nouns or o.pos_ == "NUM":
            # "a series of missiles", "two of"
            o = next((g for c in o.children if c.lower_ == "of" for g in c.children), o)
        elif o.lemma_.lower() in lexicon.weights:  # "the importance of (advancing) ties"
            o = next((g for c in o.children if c.lower_ in ("of", "for") for g in c.children), o)
            o = next((g for g in o.children if g.dep_ == "dobj"), o) if o.pos_ == "VERB" else o
        out.add(o.lemma_.lower())
        mods = [c for c in o.children if c.dep_ in ("compound", "conj", "amod")]
        # "a disaster response team": the modifier of a modifier names the kind too
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children
                 if g.dep_ in ("compound", "amod")]
        out.update(c.lemma_.lower() for c in mods)
    return out


def participle_of(tok: Token) -> Token | None:
    """The noun a past participle describes with its agent ("citizens released by Iran",
    "a drone launched by Russia"), or None."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
        return tok.head
    return None


COMPLEMENT_DEPS = ("dobj", "oprd", "attr", "ccomp", "xcomp")


def complement_lemmas(tok: Token) -> set[str]:
    """What something is called: "called the launch a provocation", "described it as a
    violation", "branded the strike an act of aggression"."""
    nouns = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS]
    nouns += [g for n in nouns for g in n.children if g.dep_ in ("dobj", "attr", "oprd")]
    # "called X's decision to expand the patrols regrettable": the parser may hang the
    # judgement on the object's own clause
    nouns += [g for n in nouns for a in n.children if a.dep_ == "acl" for g in a.children
              if g.dep_ == "oprd"]
    nouns += [g for n in (tok, *nouns) for p in n.children if p.dep_ == "prep"
              and p.lower_ in ("as", "of", "to") for g in p.children if g.dep_ == "pobj"
              or (p.lower_ == "as" and g.dep_ in ("amod", "acomp"))]  # "as unjustified"
    nouns += [c for n in nouns for c in n.children if c.dep_ == "conj"]
    nouns += [g for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"]  # "the crimes of the Nazis"
    return {n.lemma_.lower() for n in nouns} | {
        c.lemma_.lower() for n in nouns for c in n.children if c.dep_ in ("compound", "amod")}


def _has_infinitive_aux(tok: Token) -> bool:
    return any(a.lower_ == "to" and a.dep_ == "aux" for a in tok.children)


def _has_infinitive(tok: Token) -> bool:
    """A "to" clause hangs on the verb or on its object ("gave Russia 50 days to agree")."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "dative"))]
    return any(c.dep_ in ("xcomp", "ccomp", "acl", "advcl") and _has_infinitive_aux(c)
               for h in heads for c in h.children)


def _infinitive_lemmas(tok: Token) -> set[str]:
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "dative"))]
    return {c.lemma_.lower() for h in heads for c in h.children
            if c.dep_ in ("xcomp", "ccomp", "acl", "advcl") and _has_infinitive_aux(c)}


def _asks_something(tok: Token) -> bool:
    """A "to" clause on the verb or on one it is addressed to, or a "for" phrase; also a
    "to" right after the addressee, which the parser may hang elsewhere ("called on Moscow
    to immediately agree")."""
    preps = [c for c in tok.children if c.dep_ == "prep"]
    heads = [tok, *(g for c in preps for g in c.children)]
    doc = tok.doc
    if any(p.right_edge.i + 1 < len(doc) and doc[p.right_edge.i + 1].lower_ == "to"
           and doc[p.right_edge.i + 1].pos_ == "PART" for p in preps):
        return True
    return _has_infinitive(tok) or any(
        c.dep_ in ("xcomp", "ccomp", "advcl", "acl") and _has_infinitive_aux(c)
        for h in heads for c in h.children) or any(
        c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def _names_something(tok: Token) -> bool:
    """A verb with an object and what the object is called ("called X a Y", "as Y")."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return len(objects) > 1 or any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") for c in
                                   tok.children) or any(
        p.lower_ == "as" for o in (tok, *objects) for p in o.children if p.dep_ == "prep")


def _particles(tok: Token) -> set[str]:
    """Particles and prepositions, but not those of a date ("called on Monday" is no
    "call on")."""
    return {c.lower_ for c in tok.children if c.dep_ == "prt" or (c.dep_ == "prep" and not any(
        g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj")) or (
        c.dep_ == "advmod" and c.lower_ == "back" and c.i == tok.i + 1)} | {
        # "Beijing pushed back": an adverb right after the verb (not "push the crowd back")
        # "expressed regret to South Korea": the parser may hang "to" on the object
        p.lower_ for c in tok.children if c.dep_ == "dobj" for p in c.children
        if p.dep_ == "prep" and p.lower_ == "to"}


def _applies(tok: Token, entry: VerbTrigger, tests: ActorTests, lexicon: Lexicon) -> bool:
    if entry.objects and not (_object_lemmas(tok, lexicon) & set(entry.objects)):
        return False
    if entry.complements and not (complement_lemmas(tok) & set(entry.complements)):
        return False
    if entry.no_complement and _names_something(tok):
        return False  # "calling NATO an aggressive bloc" is no phone call
    if entry.intransitive and any(c.dep_ == "dobj" for c in tok.children):
        return False  # "the delay demonstrated the limits of the pact" is no protest
    if entry.armed and not _holds(subject(tok)[0], entry.armed):
        return False  # "the ministers clashed over migration" is no fighting
    if entry.cues and not _holds([tok], entry.cues):
        return False  # "crowds gathered to watch the fireworks" is no protest
    if entry.needs_infinitive and not _has_infinitive(tok):
        return False  # "told Moscow to withdraw", not "told reporters"
    if entry.actor_addressee and any(
            o.pos_ in ("NOUN", "PROPN") and not tests.names_actor(o) for o in tok.children
            if o.dep_ in ("dobj", "dative")):
        return False  # "warned the activists they would not follow them": people told
    if entry.bare and _asks_something(tok):
        return False  # "called on Russia to withdraw", "called on Israel for restraint"
    if entry.infinitives and not (_infinitive_lemmas(tok) & set(entry.infinitives)):
        return False  # "gave the envoy 48 hours to leave", not "to explain"
    if entry.particle and entry.particle not in _particles(tok):
        return False
    if entry.particle_any and not (_particles(tok) & set(entry.particle_any)):
        return False
    if entry.needs_actor_object:
        direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "dative")] + [
            g for c in tok.children if c.dep_ == "ccomp" and _has_infinitive_aux(c)
            for g in c.children if g.dep_ == "nsubj"]  # "wanted the Commission to unfreeze"
        direct += misread_object(tok)
        # a visitor or one asked must be an actor itself ("welcomed Xi", "pressed Tokyo"); an
        # act may hit something of an actor's ("struck Iran's Natanz site")
        # a call is made to a person or a state, not to "Madrid's position"
        strict = entry.frame == "host" or entry.type == "REQUEST" or entry.mode == "phone" or (
            entry.strict_object)  # "recognised Palestine", not "the result of its election"
        check = tests.is_actor if strict else tests.names_actor
        if not any(check(o) for o in direct):
            return False
        if entry.frame == "host" and not any(tests.is_visitor(o) for o in direct):
            return False  # "hosts 28,500 U.S. troops" is no visit
    if entry.needs_target:
        targets = objects(tok, entry.preps)
        targets = [t for t in targets if t.dep_ != "dobj"] or []
        if not any(tests.names_actor(t) for t in targets):
            return False
        travels = tests.is_traveller or tests.is_visitor
        if entry.mode == "visit" and not any(travels(t) for t in subject(tok)[0]):
            return False  # "a Russian drone landed in Poland" is no visit
    return True


def _light_verb(tok: Token, lexicon: Lexicon) -> Token | None:
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_ in lexicon.quantity_nouns:
        return _light_verb(head.head, lexicon)  # "adopted a package of sanctions"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in (
            lexicon.acting_nouns):
        return head.head  # "announced the imposition of sanctions", "the signing of a pact"
    if tok.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in (
            lexicon.settling_verbs):
        return head.head  # "agreed on the closure of all land borders" (kept for measures only)
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in lexicon.light_verbs:
        return head
    verb = head.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and verb.dep_ == "dobj" and (
            lexicon.joins.get(verb.head.lemma_.lower()) == verb.lemma_.lower()):
        return verb.head  # "took part in the talks"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and verb.lemma_ in lexicon.light_verbs and (
            head.lower_ in ("in", "into") or (head.lower_ == "for" and verb.lemma_ in JOINING)):
        return verb  # "engaged in talks", "join X for a summit"; not "hosted X after a summit"
    if tok.dep_ == "conj":
        return _light_verb(head, lexicon) if head.pos_ == "NOUN" else None
    return None


def result_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb telling what an event noun did: "strikes killed 12" (also when the parser
    hangs "killed" on the noun as a participle)."""
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in lexicon.result_verbs:
        return noun.head
    return next((c for c in noun.children if c.dep_ == "acl"
                 and c.lemma_.lower() in lexicon.result_verbs), None)


PARTNERING = {"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational"}


def _partnered(noun: Token, modifiers: set[str]) -> bool:
    """ "joint drills", "drills with Japan": a partner is named (not "drills near Taiwan")."""
    if modifiers & PARTNERING or {t.lower_ for m in noun.lefts for t in m.subtree} & PARTNERING:
        return True
    verb = noun.head if noun.dep_ == "dobj" else None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    if any(t.dep_ == "conj" for s in subjects for t in s.subtree):
        return True  # "South Korean and U.S. troops held drills"
    around = [noun, noun.head] if noun.dep_ in ("dobj", "nsubj", "nsubjpass") else [noun]
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "alongside")
               for t in around for c in t.children) or noun.head.lemma_.lower() == "join"


def _holds(tokens: list[Token], words: tuple[str, ...]) -> bool:
    """One of ``words`` among the tokens' phrases ("Indian and Chinese troops")."""
    return any(t.lemma_.lower() in words for tok in tokens for t in tok.subtree)


def of_objects(noun: Token) -> list[Token]:
    """ "the recall of its ambassador": what an event noun acts on."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj"]


def _help_from(tok: Token) -> bool:
    """ "with help from France, Britain and the US": aid named with its givers."""
    return any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in tok.children) and (
        tok.dep_ == "pobj" and tok.head.lower_ in ("with", "thanks"))


def agents_of(noun: Token) -> list[Token]:
    """Who an event noun says did it: "air strikes by the Sudanese army", "airstrikes
    carried out by Turkey", "were killed in strikes by Israel" (then it needs no light verb
    to be someone's act)."""
    out = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
           for g in c.children if g.dep_ == "pobj"]
    clause = agent_clause(noun)
    if clause is not None:
        out += [g for c in clause.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]
    return out


def agent_clause(noun: Token) -> Token | None:
    """The passive verb whose agent is an event noun's doer: "strikes carried out by X",
    "killed in strikes by X" (the parser hangs the "by" on "killed")."""
    clause = next((a for a in noun.children if a.dep_ == "acl" and a.tag_ == "VBN"
                   and any(c.dep_ == "agent" for c in a.children)), None)
    if clause is not None:
        return clause
    verb = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and verb.tag_ == "VBN" and any(
            c.dep_ == "agent" for c in verb.children):
        return verb
    return None


def _noun_trigger(tok: Token, lexicon: Lexicon) -> Trigger | None:
    entry = lexicon.nouns.get(tok.lemma_.lower())
    if entry is None:
        return None
    light = _light_verb(tok, lexicon)
    if light is not None and light.lemma_.lower() in lexicon.settling_verbs and (
            entry.type not in lexicon.settled_types):
        light = None  # "agreed on a ceasefire" is the agreement itself
    if light is None and entry.mode == "phone" and tok.dep_ == "dobj" and (
            tok.head.lemma_.lower() == "receive"):
        light = tok.head  # "received a call from Putin": the receiver is on the call
    exempt = any(c.lower_ in entry.light_unless for c in tok.children
                 if c.dep_ in ("compound", "amod")) or result_verb(tok, lexicon) is not None or (
        bool(agents_of(tok)))
    if entry.frame == "from" and not _help_from(tok):
        return None
    if entry.needs_light and light is None and not exempt:
        return None
    modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
    if entry.needs_modifier and not modifiers & set(entry.needs_modifier):
        return None
    if entry.objects and not {o.lemma_.lower() for o in of_objects(tok)} & set(entry.objects):
        return None
    if entry.armed and not _holds([tok], entry.armed):
        return None
    kind = entry.type
    if entry.alone is not None and not _partnered(tok, modifiers):
        kind = entry.alone
    if light is not None:
        kind = lexicon.retype.get(light.lemma_.lower(), {}).get(kind, kind)
    return Trigger(tok, kind, entry.mode, noun=entry, light=light,
                   result=result_verb(tok, lexicon))
