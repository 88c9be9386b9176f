"""An event's status from the words around its trigger: negated, hypothetical or future.

Historical status comes from dates (see ``coding.coder``); this module reads only the
clause: negators on the trigger or a verb governing it ("did not meet", "refused to
attend"), modals and conditionals ("would respond", "if anyone attempts"), and markers
of announced plans ("will visit", "plans to meet", "a planned meeting").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from equipoise.coding.lexicon import StatusCues
from equipoise.coding.triggers import Trigger
from equipoise.models import Status

GOVERNING_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "acl", "prep", "dobj", "pobj", "conj",
                  "nsubj", "nsubjpass", "relcl", "attr", "appos", "compound"}
MAX_DEPTH = 4
OPEN_TO = {"open", "amenable", "receptive"}
COMPLEMENT_TAKERS = {"depend", "rely", "insist", "focus", "hinge", "count", "decide"}
ADJUNCT_PREPS = {"in", "during", "at", "on", "after", "before", "with", "amid", "despite"}
READINESS = {"ready", "willing", "prepared", "open"}


INDEPENDENT_MARKS = {"as", "while", "after", "before", "because", "although", "though",
                     "when", "since", "whereas", "once"}
WHEN_ADVERBS = {"when", "whenever", "once"}  # parsed as adverbs heading a clause of time


def governors(tok: Token) -> Iterator[Token]:
    """The chain of heads above a token, stopping at a reported-speech boundary and at
    adverbial clauses of time or cause ("as it called on Moscow"), whose mood is their own."""
    for _ in range(MAX_DEPTH):
        if tok.head.i == tok.i or tok.dep_ not in GOVERNING_DEPS:
            return
        if any(c.dep_ == "mark" and c.lower_ in INDEPENDENT_MARKS for c in tok.children):
            return
        if tok.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in WHEN_ADVERBS
                                       for c in tok.children):
            return  # "When Indian missiles struck ..., the surprise was not that ..."
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(
                c.dep_ == "mark" for c in tok.children):
            return  # "agreed to ..., holding their first summit": the summit took place
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "prep" and tok.lower_ in ADJUNCT_PREPS and (
                tok.head.lemma_.lower() not in COMPLEMENT_TAKERS):
            return  # "agreed in a phone call": the call is not what was agreed
        dep, tok = tok.dep_, tok.head
        yield tok
        if dep == "ccomp" and tok.lemma_ in ("say", "tell", "add", "state", "note"):
            return


def _own(tok: Token) -> list[Token]:
    """The trigger's own auxiliaries and modifiers, shared through coordination."""
    kids = list(tok.children)
    if tok.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in kids):
        kids += [c for c in tok.head.children if c.dep_ in ("aux", "neg", "mark")]
    return kids


def _negating_phrase(gov: Token, cues: StatusCues) -> bool:
    """ "put on hold", "called off": a governing verb with its particle or object."""
    words = {gov.lemma_.lower()}
    for c in gov.children:
        if c.dep_ in ("prt", "prep"):
            words.add(f"{gov.lemma_.lower()} {c.lower_}")
            words.update(f"{gov.lemma_.lower()} {c.lower_} {g.lower_}" for g in c.children)
    return bool(words & cues.negating_phrases)


def is_negated(trigger: Token, cues: StatusCues) -> bool:
    if any(c.dep_ == "neg" or (c.lower_ in cues.negators and c.dep_ in ("det", "advmod"))
           for c in _own(trigger)):
        return True
    if any(_neither_subject(t) for t in (trigger, *governors(trigger))):
        return True  # "Neither Brazil nor Colombia plans to recognise ..."
    for gov in governors(trigger):
        if _told_as_done(trigger, gov):
            return False  # "suspended an order that had told stations to stop": told
        if _negating_phrase(gov, cues):
            return True
        if gov.lemma_.lower() in cues.negating_governors and gov.i != trigger.i:
            return _governs_by_clause(trigger, gov) or gov.pos_ == "VERB"
        if gov.lemma_.lower() in cues.negating_nouns:
            return True
        if any(c.dep_ == "neg" for c in gov.children) and gov.pos_ in ("VERB", "AUX"):
            return True
    return False


def _neither_subject(verb: Token) -> bool:
    return any(p.dep_ == "preconj" and p.lower_ == "neither" for c in verb.children
               if c.dep_ in ("nsubj", "nsubjpass") for p in c.children)


def _told_as_done(trigger: Token, gov: Token) -> bool:
    """A relative clause in the past perfect between the trigger and ``gov`` ("an order
    that had told ..."): what it tells happened, whatever befell its antecedent later."""
    tok = trigger
    while tok.i != gov.i and tok.head.i != tok.i:
        if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had"
                                       for c in tok.children):
            return True
        tok = tok.head
    return False


def _governs_by_clause(trigger: Token, gov: Token) -> bool:
    return trigger.is_ancestor(gov) is False and gov.is_ancestor(trigger)


def is_hypothetical(trigger: Token, cues: StatusCues) -> bool:
    if _modal(trigger, cues.hypothetical_aux, cues) or _conditional(trigger, cues):
        return True
    if any(c.lower_ in cues.hypothetical_words for c in trigger.children if c.dep_ == "amod"):
        return True
    for gov in governors(trigger):
        lemma = gov.lemma_.lower()
        if (lemma in cues.hypothetical_governors or lemma in cues.hypothetical_words) and not (
                _subject_of(trigger, gov)):
            return True
        if gov.pos_ == "ADJ" and lemma in OPEN_TO:
            return True  # "remained open to negotiations"
        if _alleged(gov, cues):
            return True
        if any(c.dep_ == "acomp" and c.lemma_.lower() in cues.hypothetical_governors
               for c in gov.children):
            return True  # "talks ... were unlikely to resume"
        if _modal(gov, cues.hypothetical_aux, cues) or _conditional(gov, cues):
            return True
    return False


def _alleged(gov: Token, cues: StatusCues) -> bool:
    """ "accused Putin of rejecting", "sanctioned firms for supplying Russia"."""
    if gov.lower_ not in ("of", "for") or gov.dep_ != "prep":
        return False
    heads = (gov.head, gov.head.head)
    return any(h.lemma_.lower() in cues.allegation_governors for h in heads)


def is_future(trigger: Token, cues: StatusCues) -> bool:
    if _modal(trigger, cues.future_aux, cues) or _going_to(trigger) or _reports_will(
            trigger, cues):
        return True
    if any(c.lower_ in cues.future_modifiers for c in trigger.children
           if c.dep_ in ("amod", "compound", "nmod")):
        return True
    if trigger.tag_ == "VBD" or _told_done(trigger, cues):
        return False  # "announces that a C-130 landed": told in the past tense, it happened
    if _is_to(trigger) or _to_be_done(trigger):
        return True
    for gov in governors(trigger):
        if _settled(gov, cues):
            return False
        if gov.lemma_.lower() in cues.future_governors and gov.i != trigger.i and not (
                _subject_of(trigger, gov)):
            return True
        if _modal(gov, cues.future_aux, cues):
            return True
    return False


def _told_done(tok: Token, cues: StatusCues) -> bool:
    """ "announced it had summoned the envoy", "announced it was withdrawing its ambassador":
    the perfect or the past progressive tells an act under way or done, whatever verb of
    announcing governs it."""
    aux = [c for c in _own(tok) if c.dep_ == "aux"]
    return any(a.lower_ in cues.perfect_aux for a in aux) or (
        tok.tag_ == "VBG" and any(a.lower_ in cues.progressive_aux for a in aux))


def _is_to(tok: Token) -> bool:
    """ "Spain is to send aid", "the leaders are to meet next week": the plan told by "be to"."""
    head = tok.head
    return tok.dep_ == "xcomp" and _has_to(tok) and head.lemma_.lower() == "be" and (
        head.pos_ in ("AUX", "VERB")) and not any(c.dep_ in ("neg", "aux") for c in head.children
                                                  if c.lower_ != "to")


def _to_be_done(noun: Token) -> bool:
    """ "a summit to be held in Seoul", "talks to take place next week": an event noun whose
    own infinitive clause tells it is still to come."""
    return noun.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("acl", "relcl") and _has_to(c) for c in noun.children)


def _has_to(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _settled(gov: Token, cues: StatusCues) -> bool:
    """ "announced that it has decided to sever ties": a decision taken is the act, whatever
    announced it."""
    return gov.lemma_.lower() in cues.decisions and gov.tag_ in ("VBD", "VBN") and not (
        _modal(gov, cues.future_aux | cues.hypothetical_aux, cues))


def _subject_of(trigger: Token, gov: Token) -> bool:
    """ "A drone attack set fire to ...": the act is the subject of "set", not its plan."""
    return trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.i == gov.i


def _modal(tok: Token, words: frozenset[str], cues: StatusCues) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words and not _reported_will(tok, c, cues)
               for c in _own(tok))


def _reported_will(tok: Token, aux: Token, cues: StatusCues) -> bool:
    """ "said they would hold talks", "promised that Germany would work with Tanzania": the
    reported "will" of a past statement or promise (``status.toml`` reporting)."""
    return aux.lower_ == "would" and tok.dep_ == "ccomp" and (
        tok.head.lemma_.lower() in cues.reporting) and tok.head.tag_ in ("VBD", "VBN") and not any(
        m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in tok.children
        if c.dep_ == "advcl" for m in c.children)


def _reports_will(tok: Token, cues: StatusCues) -> bool:
    return any(c.dep_ == "aux" and _reported_will(tok, c, cues) for c in _own(tok))


def _going_to(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lower_ == "going" and any(
        c.dep_ == "aux" for c in head.children)


def _conditional(tok: Token, cues: StatusCues) -> bool:
    """ "if X attacks", "whether X will", "how far X deploys"."""
    if any(c.dep_ == "mark" and c.lower_ in cues.hypothetical_marks for c in _own(tok)):
        return True
    return any(a.lower_ in ("how", "whether") for c in tok.children if c.dep_ == "advmod"
               for a in c.subtree)


def clause_status(trigger: Token, cues: StatusCues) -> Status:
    """Status from the clause alone: negated > hypothetical > future > occurred."""
    if is_negated(trigger, cues):
        return "negated"
    if is_hypothetical(trigger, cues):
        return "hypothetical"
    if is_future(trigger, cues):
        return "future"
    return "occurred"


def event_status(trigger: Trigger, cues: StatusCues) -> Status:
    """The status of a trigger's event: the light verb's clause first ("plans to hold
    talks"), then the trigger's own."""
    if trigger.type == "AGREE" and _readiness(trigger.token):
        return "occurred"  # "said it was ready to accept the ceasefire": intent expressed
    if trigger.type in ("CONSULT", "COOPERATE") and _readiness(trigger.light or trigger.token):
        return "future"  # "ready to hold consultations with Poland": an offer (AGREE)
    if trigger.light is not None:
        status = clause_status(trigger.light, cues)
        if status != "occurred":
            return status
    return clause_status(trigger.token, cues)


def _readiness(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in READINESS and not any(
        c.dep_ == "neg" for c in (*head.children, *head.head.children))
