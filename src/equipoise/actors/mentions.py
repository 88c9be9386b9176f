"""Actor mentions: who each noun phrase of an article stands for.

A mention is a noun phrase headed by one token ("Japanese Prime Minister Sanae Takaichi",
"China's coast guard", "Seoul", "Lee", "the two leaders"). Its actors come from the
dictionary, from the phrase's own modifiers (country adjectives, titles) and, for short
references (surnames, "the president", "his Japanese counterpart"), from earlier
mentions in the same article.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from equipoise.actors._namesakes import find_namesakes
from equipoise.actors._people import PersonSteps, code_actor
from equipoise.actors._phrases import (
    PLURAL_PRONOUNS,
    PLURAL_REFERENCES,
    PRONOUNS,
    Mention,
    bare_group,
    definite_group,
    plural_marked,
)
from equipoise.actors._references import ReferenceSteps, affiliation
from equipoise.actors.dictionary import ActorDictionary, SharedName
from equipoise.actors.matcher import NameMatch, NameMatcher
from equipoise.actors.referencewords import reference_words
from equipoise.models import Actor

__all__ = ["Mention", "MentionFinder"]


class MentionFinder:
    """Finds mentions in a parsed article (one instance per process)."""

    def __init__(self, matcher: NameMatcher, actors: ActorDictionary) -> None:
        self._matcher = matcher
        self._actors = actors

    def __call__(self, doc: Doc, published: date | None) -> list[Mention]:
        matches = _shared_names(doc, self._matcher(doc), self._actors)
        matches, namesakes = find_namesakes(doc, _acronyms_defined_otherwise(doc, matches),
                                            self._actors)
        by_token = {i: m for m in matches for i in range(m.start, m.end)}
        builder = _Builder(doc, self._actors, by_token, published, namesakes=namesakes)
        return builder.build(matches)


class _Builder(PersonSteps, ReferenceSteps):
    """Reads an article's mentions in order: each noun-phrase head (a dictionary name, a
    person, a reference), then acronyms defined in the text, then pronouns that stand
    for a speaker. Each step remembers what it found for the steps after it."""

    def build(self, matches: list[NameMatch]) -> list[Mention]:
        heads = sorted({self._np_head(self.doc[m.start]) for m in matches} | self._other_heads())
        for head in heads:
            mention = self._mention_at(self.doc[head])
            if mention is not None:
                self.out.append(mention)
                self._remember(mention)
        self.out += self._acronym_mentions()
        self.out += self._speaker_pronouns()
        self.out += self._subject_it()
        return sorted(self.out, key=lambda m: m.start)

    def _other_heads(self) -> set[int]:
        """Heads that need no dictionary name: unknown people, surnames, references."""
        out: set[int] = set()
        for tok in self.doc:
            low = tok.lower_
            if self._may_head(tok, low):
                out.add(self._np_head(tok))
        return out

    def _may_head(self, tok: Token, low: str) -> bool:
        if tok.ent_type_ == "PERSON" or low in PRONOUNS or low in PLURAL_PRONOUNS:
            return True
        if low == "both" and tok.dep_ in ("nsubj", "nsubjpass"):
            return True  # "Both blamed each other"
        if tok.i not in self.by_token and tok.is_title and (
                tok.pos_ == "PROPN" or self._noun_surname(tok)):
            return True  # a surname the NER missed ("Kanasugi"), or tagged a noun ("Trump")
        described = {term.split()[-1] for term in self.actors.descriptions}
        # a lower-case noun the tagger calls a name ("the defence ministry accused")
        common = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower)
        return common and (low in PLURAL_REFERENCES or self._is_role(tok) or low in described)

    def _mention_at(self, head: Token) -> Mention | None:
        if self._named_instrument(head) or head.lower_ in reference_words().currencies:
            return None  # "the Vienna Convention", "300 million U.S. dollars"
        described = self._description(head)
        if described is not None:
            return described
        if self._is_modifier_only(head):
            return self._name_only(head)
        toks = self._np_tokens(head)
        start, end = toks[0].i, toks[-1].i + 1
        if affiliation(head):
            return None  # "the Iran-aligned group" is not Iran
        names = [self.by_token[t.i] for t in toks if t.i in self.by_token
                 and not affiliation(self.doc[self.by_token[t.i].end - 1])]
        names = list({(n.start, n.end): n for n in names}.values())
        low = head.lower_
        if low in PRONOUNS:
            return self._pronoun(head)
        if low in PLURAL_PRONOUNS:
            joint = self._joint_speakers(head) or self._plural_protagonist(head)
            if joint is not None:
                return joint
        if low in PLURAL_PRONOUNS or low == "both" or (low in PLURAL_REFERENCES and not names and (
                plural_marked(toks, head) or definite_group(toks, head))):
            return Mention(start, end, head.i, (), "plural", plural=True)
        if low in PLURAL_REFERENCES and not names and bare_group(toks, head):
            return Mention(start, end, head.i, (), "bare", plural=True)
        actors = self._actors_of(head, toks, names)
        if not actors:
            return None
        kind = names[0].kind if names else "reference"
        expanded = tuple(x for a in actors for x in self._expand(a))
        return Mention(start, end, head.i, expanded, kind)

    def _named_instrument(self, head: Token) -> bool:
        """ "the Vienna Convention", "the Minsk agreements", "the Paris Agreement": a city
        that names a treaty is where it was signed, not a party to the act."""
        if head.lemma_.lower() not in self.actors.instrument_nouns:
            return False
        names = [self.by_token[t.i] for t in self._np_tokens(head) if t.i in self.by_token]
        return bool(names) and all(n.kind == "capital" for n in names)

    def _name_only(self, head: Token) -> Mention | None:
        """The first name inside a non-agent phrase, as a mention headed by itself."""
        for tok in self._np_tokens(head):
            match = self.by_token.get(tok.i)
            if match is not None and match.kind != "person" and not affiliation(
                    self.doc[match.end - 1]):
                text = self.doc[match.start: match.end].text
                actor = code_actor(text, match, self.actors, name=None, title=None, sector=None)
                return Mention(match.start, match.end, match.end - 1, self._expand(actor),
                               match.kind)
        return None

    def _actors_of(self, head: Token, toks: list[Token], names: list[NameMatch]
                   ) -> tuple[Actor, ...]:
        codes = [n for n in names if n.kind != "person"]
        distinct = list({n.code: n for n in codes}.values())
        people = [n for n in names if n.kind == "person"]
        coordinated = any(t.dep_ == "cc" for t in toks)
        if len(distinct) > 1 and not people and coordinated:
            text = self.doc[toks[0].i: toks[-1].i + 1].text
            title = self._title(toks)
            return tuple(self._group(text, [n], title, head) for n in distinct)
        if coordinated and len({(n.start, n.end) for n in people}) > 1:
            # "Egypt's Sisi and Turkey's Erdogan" parsed as one phrase: each person
            return tuple(self._known_person(self.doc[n.start: n.end].text, n, None)
                         for n in people)
        actor = self._actor_of(head, toks, names)
        return (actor,) if actor is not None else ()

    def _remember(self, mention: Mention) -> None:
        for actor in mention.actors:
            if actor.title and actor.code:
                self.seen_titled.append(actor)
            # "Chinese foreign ministry spokesperson Guo Jiakun": a titled person the
            # dictionary lacks is "Guo" later on
            introduced = actor.title is not None and (
                self.doc[mention.head].ent_type_ == "PERSON")
            named_person = mention.kind == "person" or introduced or (
                mention.kind == "reference" and actor.title is not None)
            if actor.name and named_person:
                self.seen_people.append(actor)


def _acronyms_defined_otherwise(doc: Doc, matches: list[NameMatch]) -> list[NameMatch]:
    """ "Reporters Without Borders (RSF)": the article says what its initials stand for, so
    its "RSF" is not the dictionary's (Sudan's Rapid Support Forces); the acronym step
    then reads each later "RSF" as the press group."""
    ends = {m.end: m for m in matches}
    redefined = set()
    for m in matches:
        if m.end - m.start != 1 or not 0 < m.start < len(doc) - 1:
            continue
        before = ends.get(m.start - 1)
        if doc[m.start - 1].text == "(" and doc[m.end].text == ")" and before is not None and (
                (before.kind, before.code, before.label) != (m.kind, m.code, m.label)):
            redefined.add(doc[m.start].text)
    return [m for m in matches if doc[m.start: m.end].text not in redefined]


CLUE_REACH = 4  # tokens either side of a shared name ("the state of Georgia")


def _shared_names(doc: Doc, matches: list[NameMatch], actors: ActorDictionary
                  ) -> list[NameMatch]:
    """ "a battery plant in Georgia" in a story about US immigration agents is the US
    state: a name two places share means the other one when a clue word is near, or
    when it is a place ("in Georgia"), the other country is named and the first is
    named no other way."""
    out = []
    for m in matches:
        shared = actors.shared_names.get(doc[m.start: m.end].text)
        if shared is not None and m.code == shared.country and _means_other(
                doc, m, matches, shared):
            m = replace(m, code=shared.other)
        out.append(m)
    return out


def _means_other(doc: Doc, match: NameMatch, matches: list[NameMatch],
                 shared: SharedName) -> bool:
    near = doc[max(0, match.start - CLUE_REACH): match.end + CLUE_REACH]
    if any(t.lower_ in shared.clues for t in near):
        return True
    head = doc[match.end - 1]
    if not (head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "from")):
        return False  # "Washington criticised Georgia": a party is the country
    own = any(n.code == shared.country and doc[n.start: n.end].text != shared.name
              for n in matches)
    return not own and any(n.code == shared.other or any(
        p.country == shared.other for p in n.people) for n in matches)
