"""Who speaks a clause: "we" in a quotation, "it said it would" stand for the speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from equipoise.actors.mentions import Mention

__all__ = ["SPEECH_CLIMB", "SPEECH_VERBS", "speaker_of"]

SPEECH_VERBS = {"say", "tell", "add", "state", "announce", "warn", "declare", "write",
                "insist", "stress", "claim", "note", "confirm", "report", "vow", "pledge",
                "promise", "threaten", "swear"}
SPEECH_CLIMB = {"ccomp", "advcl", "xcomp", "conj", "parataxis", "dep"}


def speaker_of(pronoun: Token, index: dict[int, Mention]) -> Mention | None:
    """The subject of the speech verb governing a pronoun's clause."""
    tok = pronoun.head
    for _ in range(5):
        if tok.lemma_.lower() in SPEECH_VERBS:
            for c in tok.children:
                found = _said_by(c, index) if c.dep_ == "nsubj" and c.i != pronoun.i else None
                if found is not None:
                    return found if found.actors else None
        if tok.dep_ not in SPEECH_CLIMB or tok.head.i == tok.i:
            # a quotation ends the clause chain: the speech verb may govern from the right
            return _sentence_speaker(pronoun, index)
        tok = tok.head
    return None


def _sentence_speaker(pronoun: Token, index: dict[int, Mention]) -> Mention | None:
    root = pronoun.sent.root
    if root.lemma_.lower() in SPEECH_VERBS and not pronoun.is_ancestor(root):
        for c in root.children:
            if c.dep_ == "nsubj" and c.i in index and c.i != pronoun.i:
                return index[c.i] if index[c.i].actors else None
    return None


OFFICES = {"office", "spokesman", "spokeswoman", "spokesperson"}


def _said_by(subject: Token, index: dict[int, Mention]) -> Mention | None:
    """The mention a speech verb's subject stands for; an office speaks for its holder
    ("the chief prosecutor's office said it had ...")."""
    if subject.i in index:
        return index[subject.i]
    if subject.lemma_.lower() not in OFFICES:
        return None
    return next((index[c.i] for c in subject.children if c.dep_ == "poss" and c.i in index),
                None)
