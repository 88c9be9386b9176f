"""Candidate clauses: a verb the lexicon does not know, linking two actor mentions.

Why only these: the embedding model costs ~10-20 ms a phrase, too much for every verb of
every article, and a verb with an actor on each side is where an unlisted predicate
("lauded the move by Seoul", "took issue with Beijing") most often reports an event.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from equipoise.actors.speakers import SPEECH_VERBS
from equipoise.coding.arguments import objects, subject
from equipoise.coding.lexicon import DEFAULT_PREPS, Lexicon
from equipoise.coding.triggers import ActorTests, IsActor

# "took aim at", "pushed back against", "rallied behind", "pulled troops back from"
CANDIDATE_PREPS = (*DEFAULT_PREPS, "at", "behind", "from", "over")
PHRASE_DEPS = {"aux", "auxpass", "neg", "prt", "dobj", "dative", "prep", "oprd", "acomp",
               "attr", "agent", "advmod", "xcomp", "npadvmod"}
SUBJECT_TOKENS = 4
MAX_PHRASE = 18
MASK = "someone"


def candidates(sent: Span, lexicon: Lexicon, tests: ActorTests, *, known: bool = False
               ) -> Iterator[Token]:
    """Verbs of the sentence with an actor as subject and one as object.

    ``known`` also yields verbs the lexicon lists (training uses them as examples).
    """
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if lemma in SPEECH_VERBS or (not known and lexicon_claims(tok, lemma, lexicon)):
            continue
        subj, _ = subject(tok, tests.names_actor)
        if not any(tests.names_actor(t) for t in subj):
            continue
        if any(tests.names_actor(t) for t in objects(tok, CANDIDATE_PREPS)):
            yield tok


def lexicon_claims(tok: Token, lemma: str, lexicon: Lexicon) -> bool:
    """A listed verb, or a light verb of a listed event noun ("held talks")."""
    if lemma in lexicon.verbs:
        return True
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children
              if g.dep_ == "pobj"]
    return any(n.lemma_.lower() in lexicon.nouns for n in nouns)


def phrase(verb: Token, is_actor: IsActor) -> str:
    """The predicate with its subject's head words and its objects, actors masked: what the
    classifier reads ("someone hit out at someone over the water treaty").

    Masking keeps the classifier on the predicate: with names in, it learns that Pakistan
    and India quarrel rather than what "hit out at" means.
    """
    keep = {verb.i}
    for s in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        keep.update(t.i for t in s.subtree if abs(t.i - s.i) < SUBJECT_TOKENS)
    for c in verb.children:
        if c.dep_ in PHRASE_DEPS:
            keep.update(t.i for t in c.subtree)
    words: list[str] = []
    for i in sorted(i for i in keep if abs(i - verb.i) <= MAX_PHRASE):
        tok = verb.doc[i]
        if i != verb.i and is_actor(tok):
            if not words or words[-1] != MASK:
                words.append(MASK)
        else:
            words.append(tok.text)
    return " ".join(words)
