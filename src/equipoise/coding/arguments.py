"""Who did it and to whom: the syntactic arguments of a trigger, mapped to mentions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Token

from equipoise.actors.mentions import Mention

CLIMB_DEPS = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "relcl", "ccomp", "csubj",
              "acomp"}
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
MAX_CLIMB = 5
# Prepositions on a direct object that name the other party ("action against X"); "to"
# and "at" there name places ("welcomed Xi to Seoul").
OBJECT_PREPS = {"from", "by", "against", "on", "with", "upon", "for", "over", "about", "toward",
                "towards", "at"}
# Nouns a country modifier describes rather than owns ("Türkiye-brokered talks").
NOT_TERRITORY = {"talk", "talks", "sanction", "deal", "agreement", "strike", "attack", "war",
                 "conflict", "operation", "pact", "treaty", "summit", "meeting",
                 "negotiation", "ceasefire", "dispute", "crisis", "relation", "tie",
                 "cooperation", "trade", "issue", "border"}
AFFILIATIONS = {"link", "tie", "back", "affiliate", "connect", "sponsor", "support", "align"}
# Verbs whose subject is the author of the document they take ("issued a statement
# condemning ...", "signed an order authorising ...").
AUTHORING = {"sign", "issue", "adopt", "approve", "pass", "publish", "release", "order",
             "announce", "draft", "unveil", "send", "deliver", "make", "write", "post", "put",
             "join", "endorse", "co-sponsor", "cosponsor", "support", "back", "sponsor"}
NOT_VISITORS = {"MIL", "CVL", "BUS", "REB", "COP"}
QUANTITIES = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score",
              "scores", "million", "millions", "group", "some", "many", "number"}
CROWDS = QUANTITIES - {"group"}  # "a group of judges and officials" may be two bodies
EVENT_NOUNS = {"call", "talk", "talks", "meeting", "summit", "conversation", "visit",
               "negotiation", "discussion"}
# Verbs whose object is the subject of their infinitive ("urged Pyongyang to stop").
OBJECT_CONTROL = {"urge", "ask", "call", "press", "encourage", "invite", "force", "order",
                  "tell", "persuade", "allow", "help", "want", "expect", "require", "push",
                  "pressure", "compel", "enable", "authorize", "authorise", "instruct", "warn",
                  "appeal", "request", "beg", "implore", "prompt", "lead", "spur", "drive",
                  "provoke"}


class MentionIndex:
    """Mentions of one article, looked up by the tokens they cover."""

    def __init__(self, mentions: Iterable[Mention], *,
                 delegates: frozenset[str] = frozenset()) -> None:
        self.delegates = delegates  # "counterparts from X, Y and Z" stand for all three
        self.by_head: dict[int, Mention] = {}
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            self.by_head[m.head] = m
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    def at(self, tok: Token) -> Mention | None:
        return self.by_head.get(tok.i) or self.by_token.get(tok.i)

    def has_actor(self, tok: Token) -> bool:
        """The token itself stands for an actor ("welcomed Xi", not "welcomed Japan's move")."""
        return self.at(tok) is not None

    def is_visitor(self, tok: Token) -> bool:
        """A person or a state received as a guest, not troops, firms or refugees."""
        m = self.at(tok)
        if m is not None and m.plural:
            return tok.lower_ not in ("them", "they")  # "both ministers were received"
        return m is not None and any(a.sector not in NOT_VISITORS for a in m.actors)

    def is_traveller(self, tok: Token) -> bool:
        """A visitor who can arrive somewhere: a state, a named or titled person; not "a
        Russian drone" (an adjective mention with no title)."""
        m = self.at(tok)
        return m is not None and any(a.sector not in NOT_VISITORS and (
            a.title is not None or m.kind != "adjective") for a in m.actors)

    def names_actor(self, tok: Token) -> bool:
        """The token or its modifiers name an actor ("into Pakistani-controlled territory")."""
        return self.at_phrase(tok) is not None

    def at_phrase(self, tok: Token, *, events: bool = False) -> Mention | None:
        """The mention at a token, or inside its left modifiers ("Pakistani-controlled
        territory", "Pakistan-administered Kashmir")."""
        found = self.at(tok)
        if found is not None or (not events and tok.lemma_.lower() in NOT_TERRITORY):
            return found
        return self._modifier(tok) or self._through_preposition(tok)

    def _through_preposition(self, tok: Token) -> Mention | None:
        """ "hundreds of South Koreans", "imports of Japanese seafood", "a refinery in
        Russia's Bryansk region": the actor named one preposition further."""
        preps = ("by", "of", "in") if tok.lemma_.lower() not in QUANTITIES else ("of",)
        ordered = sorted((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps),
                         key=lambda c: preps.index(c.lower_))  # the agent first: "... by X"
        for c in ordered:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                # "a violation of its airspace by Malian drones": the agent, even one level
                # down, before the thing violated
                agent = next((self.at(a) or self._modifier(a) for a in prep_objects(g, ("by",))),
                             None)
                m = agent or self.at(g) or self._modifier(g)
                if m is not None:
                    return m
        return self._affiliation(tok)

    def _affiliation(self, tok: Token) -> Mention | None:
        """ "hackers linked to North Korea", "militias backed by Iran"."""
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in AFFILIATIONS:
                for g in prep_objects(c, ("to", "by", "with")) + agent_of(c):
                    m = self.at(g) or self._modifier(g)
                    if m is not None:
                        return m
        return None

    def _modifier(self, tok: Token) -> Mention | None:
        for child in tok.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss"):
                for t in child.subtree:
                    m = self.at(t)
                    if m is not None:
                        return m
        return None


def conjuncts(tok: Token, index: MentionIndex | None = None) -> Iterator[Token]:
    """The token and everything coordinated with it; an apposition only when the token
    names no actor itself ("Xue Jian, the Chinese consul general", but not "Washington,
    South Korea's ally", which is still Washington) or when it is itself a name."""
    yield tok
    named = index is not None and index.at(tok) is not None
    for child in tok.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and (
                not named or child.pos_ == "PROPN")):  # a list mis-parsed as apposition
            yield from conjuncts(child, index)
        elif child.dep_ == "prep" and child.lower_ == "from" and not named and (
                index is not None and tok.lemma_.lower() in index.delegates):
            # "his colleagues from Poland, France and Italy": one delegate from each
            for g in child.children:
                if g.dep_ == "pobj":
                    yield from conjuncts(g, index)
        elif child.dep_ == "prep" and child.lower_ == "including" and not named:
            # "European leaders, including Macron and Merz, pressed ..."
            for g in child.children:
                if g.dep_ == "pobj":
                    yield from conjuncts(g, index)


def mentions_of(tokens: Iterable[Token], index: MentionIndex, *, events: bool = False
                ) -> list[Mention]:
    """Mentions at the tokens and their conjuncts, or named in their modifiers. With
    ``events``, the nationality of an event noun names its author ("condemned the Israeli
    strike"); without, it only describes ("imposed Ukraine-related sanctions")."""
    out: list[Mention] = []
    for tok in tokens:
        for t in conjuncts(tok, index):
            m = index.at_phrase(t, events=events)
            if m is not None and m not in out:
                out.append(m)
            if m is not None and t.lemma_.lower() in CROWDS and index.at(t) is None:
                # "thousands of students and other young people": all of them, when they
                # are of one country
                codes = {a.code for a in m.actors}
                out += [c for g in prep_objects(t, ("of",)) for x in conjuncts(g, index)
                        if (c := index.at(x)) is not None and c not in out
                        and {a.code for a in c.actors} == codes]
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def agent_of(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def direct_subject(verb: Token) -> list[Token]:
    """The verb's own subject: the agent of a passive, else the nominal subject."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return agent_of(verb)  # also "a strike called by the labour federation"
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def subject(verb: Token, is_actor: Callable[[Token], bool] | None = None
            ) -> tuple[list[Token], bool]:
    """The subject, climbing to governing verbs when the verb has none of its own.

    Returns the tokens and whether they were inherited. Object control is honoured:
    in "urged Pyongyang to stop", the subject of "stop" is Pyongyang. While climbing,
    subjects that name no actor ("a meeting focused on ...") are passed over.
    """
    own = [t for t in direct_subject(verb) if t.tag_ not in ("WP", "WDT")]
    if own:
        return own, False
    tok = verb
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in CLIMB_DEPS or tok.head.i == tok.i:
            break
        child, tok = tok, tok.head
        if child.dep_ == "relcl" and tok.pos_ in ("NOUN", "PROPN"):
            return [tok], True
        if child.dep_ == "pcomp" and tok.lower_ == "of" and _any_actor([tok.head], is_actor) \
                and tok.head.pos_ in ("NOUN", "PROPN"):
            return [tok.head], True  # "accused China's coast guard of firing": the guard fired
        if child.dep_ == "pcomp" and tok.lower_ == "of" and tok.head.pos_ == "VERB":
            # "accused Putin of rejecting": the object of accuse does the rejecting
            objects = [c for c in tok.head.children if c.dep_ == "dobj"]
            if objects and _any_actor(objects, is_actor):
                return objects, True
        if child.dep_ in ("xcomp", "advcl") and tok.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")] + [
                g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "upon")
                for g in c.children if g.dep_ == "pobj"]  # "appealed to Israel to allow"
            if objects and _any_actor(objects, is_actor):
                return objects, True
        if child.dep_ in ("acl", "prep") and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in (
                "dobj", "pobj", "nsubjpass", "attr"):
            authors = prep_objects(tok, ("by", "from"))
            if authors and _any_actor(authors, is_actor):
                return authors, True  # "a statement by the 27 member states condemning ..."
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            if child.dep_ == "acl" and verb.lemma_.lower() not in AUTHORING:
                break  # "Hungary blocked a statement condemning ...": Hungary did not condemn
            tok = verb  # "signed an order authorising sanctions": the signer authorises
        found = direct_subject(tok) if tok.pos_ in ("VERB", "AUX") else []
        if child.dep_ == "xcomp" and is_passive(tok):
            # "are scheduled to meet", "is expected to host": the passive subject acts
            found = [c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS] or found
        if found and _any_actor(found, is_actor):
            return found, True
    return [], False


def _any_actor(tokens: list[Token], is_actor: Callable[[Token], bool] | None) -> bool:
    if is_actor is None:
        return True
    return any(is_actor(t) for tok in tokens for t in conjuncts(tok))


def objects(verb: Token, preps: Iterable[str]) -> list[Token]:
    """Direct object (or passive subject), datives and objects of the given prepositions."""
    allowed = set(preps)
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ == "ADP":
            # "sent a team to Jamaica", "handed a note to the embassy": the parser may mark
            # the "to" phrase a dative; its object is the recipient
            out.extend(g for g in c.children if g.dep_ == "pobj" and c.lower_ in allowed)
        elif c.dep_ in ("dobj", "dative", "attr", "oprd", "npadvmod") or (
                c.dep_ in PASSIVE_SUBJECT_DEPS):
            out.append(c)
            if c.dep_ in ("dobj", "nsubjpass"):
                # "demanded action from the Chinese side", "rejected a demand by Trump",
                # "rejected the ceasefire that Washington had proposed"
                preps = (allowed & OBJECT_PREPS) | {"by"}
                if c.pos_ == "NOUN" and c.ent_type_ == "":  # "expressed concern to X"
                    preps |= allowed & {"to"}
                out.extend(prep_objects(c, preps))
                out.extend(g for r in c.children if r.dep_ in ("relcl", "acl")
                           for g in r.children if g.dep_ == "nsubj" and g.pos_ != "PRON")
                # "the treaty it signed with X", "the closures it had imposed on Niger"
                out.extend(g for r in c.children if r.dep_ in ("relcl", "acl")
                           for g in prep_objects(r, ("with", "on", "against")))
                out.extend(g for r in c.children if r.dep_ == "acl"
                           for g in agent_of(r))  # "a ceasefire proposed by the United States"
        elif c.dep_ in ("prep", "prt") and c.lower_ in allowed:
            out.extend(g for g in c.children if g.dep_ == "pobj")
            if c.lower_ == "out":  # "pull its troops out of Mali"
                out.extend(prep_objects(c, ("of",)))
        if not any(d.dep_ == "dobj" for d in verb.children):
            out.extend(_fronted_judgement_object(c))
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "at"):
            # "agreed in a phone call with Trump": the other side of the call
            out.extend(g for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in
                       EVENT_NOUNS for g in prep_objects(p, ("with",)))
    return out


def _fronted_judgement_object(c: Token) -> list[Token]:
    """ "rejected as baseless the minister's allegation", "dismissed as absurd the British
    allegation": with the judgement before the object, the parser hangs the object on the
    adjective or on "as"."""
    if c.dep_ == "advcl" and c.pos_ == "ADJ" and any(a.lower_ == "as" for a in c.children):
        return [g for g in c.children if g.dep_ == "dobj"]
    if c.dep_ == "prep" and c.lower_ == "as":
        return [g for g in c.children if g.dep_ == "pobj" and any(
            a.dep_ == "amod" and d.dep_ == "det" and a.i < d.i
            for a in g.children for d in g.children)]
    return []


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    allowed = set(preps)
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in allowed
            for g in c.children if g.dep_ in ("pobj", "pcomp")]


def misread_object(verb: Token) -> list[Token]:
    """ "convicted former prime minister Imran Khan of ... and sentenced him": the small
    model reads the object as the subject of the next verb; a name standing between a verb
    with no object and its conjunct is that verb's object."""
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children):
        return []
    return [s for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
            for s in c.children if s.dep_ == "nsubj" and verb.i < s.i < c.i
            and s.pos_ == "PROPN"]
