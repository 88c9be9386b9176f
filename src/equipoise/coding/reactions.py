"""Reactions that name the earlier act, not its author.

"Japan condemned it", "Seoul regretted the outcome", "called the veto irresponsible":
news names what is being reacted to, and the guideline codes the reaction toward whoever
did it. The object's word (``[referents]`` in ``triggers.toml``) says which kinds of
earlier act it can mean; a pronoun can mean any act the reaction's own type answers
(``[pronoun_referents]``: one condemns an attack, one welcomes an agreement).

A threat can be said of the act it answers, by its negation ("the crime would not go
unanswered": ``litotes`` on the entry).

Acts done inside an organisation ("vetoed the resolution") are aimed at it when the
sentence names no one else (``body`` on a verb entry).
"""

from __future__ import annotations

from spacy.tokens import Token

from equipoise.coding.lexicon import Lexicon
from equipoise.coding.references import ArticleState
from equipoise.coding.triggers import Trigger
from equipoise.models import Actor

PRONOUNS = frozenset({"it", "this", "that"})


def referent_kinds(obj: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[str, ...] | None:
    """The kinds of earlier act the object of a reaction refers to, or None when it names
    none."""
    word = obj.lower_
    if word in PRONOUNS and obj.pos_ == "PRON":
        return lexicon.pronoun_referents.get(trigger.type)
    return lexicon.referents.get(obj.lemma_.lower())


def joint_kind(trigger: Trigger, kind: str, actors: list[Actor], recipients: list[Actor]
               ) -> str | None:
    """The name an act several parties did together is remembered by besides its type
    ("AGREE@joint"), so that "the agreement" means the latest one reached between parties
    ("X and Y signed a deal", "signed an agreement with Y") and not a pledge one of them
    made since ("offered troops to Y")."""
    if len({a.code for a in actors + recipients if a.code}) < 2:
        return None
    together = not recipients or trigger.verb is None or trigger.verb.frame == "symmetric"
    return f"{kind}@joint" if together else None


def body_kind(trigger: Trigger, kind: str) -> str | None:
    """The name an act done inside an organisation is remembered by besides its type
    ("REJECT@UN" for a veto), so that "the outcome" or "the vote" can mean only that act
    and not any refusal told after it."""
    body = trigger.verb.body if trigger.verb is not None else None
    return f"{kind}@{body}" if body is not None else None


def seat_of_act(trigger: Trigger, actors: list[Actor], state: ArticleState) -> list[Actor]:
    """The organisation an act is done in, as its recipient ("Russia vetoed the draft":
    the UN), unless the actor is that organisation."""
    body = trigger.verb.body if trigger.verb is not None else None
    if body is None or not actors or any(a.code == body for a in actors):
        return []
    return [state.actor_for(body, trigger.token.text)]


MODALS = frozenset({"will", "would", "shall", "'ll"})


def understated(trigger: Trigger) -> bool:
    """ "The crime would not go unanswered": an entry whose negation, said of what is to
    come, is the threat itself (``litotes``); "the attack did not go unanswered" is a past
    fact, no threat."""
    if trigger.verb is None or not trigger.verb.litotes:
        return False
    tok = trigger.token
    holder = tok.head if tok.pos_ == "ADJ" and tok.dep_ == "acomp" else tok
    said = {c.dep_: c.lower_ for c in holder.children}
    return "neg" in said and any(c.lower_ in MODALS for c in holder.children if c.dep_ == "aux")
