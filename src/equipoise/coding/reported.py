"""Who did an act told in the passive inside reported speech.

"A rocket was fired from the Sinpo coast, the general staff said": the
source that reports an agentless passive act of force is not its agent (wires attribute
nearly every launch, strike and seizure this way), while the place it came from names
who fired it. Other acts keep the speaker, who is the one who acted in such reports ("the
Chinese envoy was summoned, the ministry said", "the summit was cancelled, he said").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from equipoise.actors.sectors import load_context_words
from equipoise.actors.speakers import SPEECH_VERBS
from equipoise.coding.arguments import MentionIndex, agent_of, is_passive, prep_objects
from equipoise.coding.lexicon import load_kind_policy

__all__ = ["fired_from", "source_not_agent"]

PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
REPORT_LINKS = ("ccomp", "parataxis", "conj")


def source_not_agent(verb: Token, kind: str, index: MentionIndex) -> bool:
    """Whether ``verb`` is an agentless passive act of force on a thing, reported by a
    speaker ("the summit was cancelled, he said" keeps him: he cancelled it)."""
    if kind not in _forceful() or not is_passive(verb) or agent_of(verb):
        return False
    things = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
    if not things or any(index.names_actor(t) or t.lemma_.lower() in _persons() or _people(t)
                         for t in things):
        return False  # "29 people were arrested, police said": the police did
    tok = verb
    for _ in range(3):
        if tok.dep_ not in REPORT_LINKS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def _people(tok: Token) -> bool:
    """ "29 people were arrested, police said": people in general (``place_only`` in
    context.toml) are no thing; the police who report their arrest made it."""
    return tok.lower_ in load_context_words().place_only


@lru_cache(maxsize=1)
def _persons() -> frozenset[str]:
    return load_kind_policy().persons


@lru_cache(maxsize=1)
def _forceful() -> frozenset[str]:
    return frozenset(load_kind_policy().forceful)


def fired_from(verb: Token, kind: str, index: MentionIndex) -> list[Token]:
    """ "was launched from North Korea", "were fired from southern Lebanon": for an act of
    force with no agent, the state it came from."""
    if kind not in _forceful() or not is_passive(verb) or agent_of(verb):
        return []
    return [t for t in prep_objects(verb, ("from",)) if index.names_actor(t)]
