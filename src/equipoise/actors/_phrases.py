"""Noun phrases of a parsed article: where a mention's phrase begins and ends, its head,
its title, and the state every step of mention finding shares (see ``mentions.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from equipoise.actors._namesakes import Namesakes
from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.matcher import NameMatch
from equipoise.actors.referencewords import reference_words
from equipoise.models import Actor

# the parser's dependency labels inside a noun phrase (grammar, not a word list)
NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod",
                "predet", "quantmod", "npadvmod"}
_WORDS = reference_words()  # data/actors/references.toml
PLURAL_REFERENCES = _WORDS.plural_references
SINGULAR_DISTRIBUTIVE = _WORDS.singular_distributive
PLURAL_MARKERS = _WORDS.plural_markers
PRONOUNS = _WORDS.pronouns
SPEAKER_PRONOUNS = _WORDS.speaker_pronouns
SPEAKER_POSSESSIVES = _WORDS.speaker_possessives
PLURAL_PRONOUNS = _WORDS.plural_pronouns


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase standing for one or more actors; ``actors`` is empty for a plural
    reference ("the two sides") until the coder resolves it."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str
    plural: bool = False



class PhraseSteps:
    """The article being read and what has been found so far; the steps that read a
    noun phrase's shape."""

    def __init__(self, doc: Doc, actors: ActorDictionary, by_token: dict[int, NameMatch],
                 published: date | None, *, namesakes: Namesakes | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.by_token = by_token
        self.published = published
        self.seen_people: list[Actor] = []
        self.seen_titled: list[Actor] = []
        self.out: list[Mention] = []
        # people who only share a dictionary person's surname: see _namesakes.py
        self.namesakes = namesakes or Namesakes()
        # every state and organisation the article names: see _surname_hits
        self.named_codes: set[str | None] = {m.code for m in by_token.values()} | {
            p.country or p.org for m in by_token.values() for p in m.people}

    def _np_head(self, tok: Token) -> int:
        while tok.dep_ in ("compound", "amod", "poss", "nmod", "flat") and tok.head.i != tok.i:
            if tok.dep_ == "poss" and (not _is_name_like(tok.head) or tok.pos_ == "PRON"
                                       or not self._is_agent(tok.head)):
                break  # "their summit", "Xi's visit": the owner is a mention of its own
            if tok.dep_ == "amod" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN":
                break  # a mis-parsed name before a verb ("Lee Jae-myung held talks")
            tok = tok.head
        return tok.i

    def _np_tokens(self, head: Token) -> list[Token]:
        toks = [head]
        for child in head.lefts:
            if child.dep_ in NP_MODIFIERS:
                toks.extend(child.subtree)
        if self._is_role(head) or head.lower_ in PLURAL_REFERENCES or (
                head.lemma_.lower() in self.actors.agent_nouns):
            # "the leaders of Armenia and Azerbaijan", "foreign ministers from China and
            # Pakistan", "the President of France"
            for child in head.rights:  # not "the leader of allowing cartels to thrive"
                if child.dep_ == "prep" and child.lower_ in ("of", "from") and not any(
                        g.dep_ == "pcomp" for g in child.children):
                    toks.extend(child.subtree)
        return sorted(set(toks), key=lambda t: t.i)

    def _is_role(self, tok: Token) -> bool:
        return tok.lower_ in self.actors.roles or tok.lemma_.lower() in self.actors.roles

    def _is_agent(self, tok: Token) -> bool:
        """A noun that stands for an actor when a name modifies it ("China's coast guard")."""
        return (tok.pos_ == "PROPN" or self._is_role(tok)
                or tok.lemma_.lower() in self.actors.agent_nouns
                or tok.lower_ in PLURAL_REFERENCES)

    def _is_modifier_only(self, head: Token) -> bool:
        """A common noun that is not an agent: "the Philippines' decision", "Ukraine-related
        sanctions". The names in it are mentions of their own."""
        if head.i in self.by_token or head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or (
                self._noun_surname(head)):
            return False
        lemma = head.lemma_.lower()
        return not (self._is_role(head) or lemma in self.actors.agent_nouns
                    or head.lower_ in PLURAL_REFERENCES or head.lower_ in PRONOUNS
                    or head.lower_ in PLURAL_PRONOUNS or head.lower_ == "both")

    def _noun_surname(self, tok: Token) -> bool:
        return tok.dep_ == "nsubj" and tok.is_title and bool(
            self.actors.people_with_surname(tok.text, self.published))

    def _title(self, toks: list[Token]) -> str | None:
        words = [t.lower_ for t in toks]
        best: str | None = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = " ".join(words[i:j])
                if cand in self.actors.roles and (best is None or len(cand) > len(best)):
                    best = cand
        if best is None:
            return None
        return " ".join(w.capitalize() if w not in ("of", "the", "for") else w
                        for w in best.split())

    def _person_name(self, head: Token) -> str | None:
        if head.ent_type_ != "PERSON":
            return None
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is None:
            return None
        name = " ".join(t.text for t in ent if t.i not in self.by_token
                        and t.lower_ not in self.actors.roles and t.pos_ == "PROPN")
        return name or None

    def by_token_text(self) -> set[str]:
        return {self.doc[i].text for i in self.by_token}


GROUP_HEADS = _WORDS.group_heads
# A group named by its kind alone ("Arab and Muslim leaders", "leaders meeting in Doha"):
# only a gathering the article lists can say who they are.
BARE_HEADS = _WORDS.bare_heads
NOT_BARE = _WORDS.not_bare
NOT_GOVERNMENT = _WORDS.not_government



def definite_group(toks: list[Token], head: Token) -> bool:
    """ "The leaders condemned ...": the leaders just named, unless they are of another kind
    ("business leaders")."""
    words = {t.lower_ for t in toks}
    if head.lower_ not in GROUP_HEADS or words & NOT_GOVERNMENT:
        return False
    return head.text == "Leaders" or "the" in words



def bare_group(toks: list[Token], head: Token) -> bool:
    """ "Arab and Muslim leaders", "regional leaders": plural, no determiner, no count."""
    words = {t.lower_ for t in toks}
    if head.lower_ not in BARE_HEADS or head.tag_ != "NNS" or words & (NOT_GOVERNMENT | NOT_BARE):
        return False
    return not any(t.pos_ == "NUM" or t.dep_ == "poss" for t in toks)



def of_kind(mention: Mention, kind: str) -> bool:
    actors = mention.actors
    if not actors or mention.plural:
        return False
    if kind == "org":
        return all(a.org for a in actors)
    if kind == "group":
        return mention.kind == "group" or all(a.sector in ("REB", "CRM", "OPP") for a in actors)
    if kind == "craft":
        return all(a.country for a in actors)
    return all(a.country for a in actors) and mention.kind not in ("adjective", "demonym")



def plural_marked(toks: list[Token], head: Token) -> bool:
    """ "the two leaders", "both sides", "each country" (a singular noun needs each/either)."""
    words = {t.lower_ for t in toks}
    if words & NOT_GOVERNMENT:
        return False
    if head.tag_ in ("NN", "NNP"):
        return bool(words & SINGULAR_DISTRIBUTIVE)
    return bool(words & PLURAL_MARKERS)



def _is_name_like(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN")

