"""The learned trigger source: candidate clauses typed by the clause model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span

from equipoise.coding.learned.clauses import CANDIDATE_PREPS, candidates, phrase
from equipoise.coding.learned.embed import Embedder
from equipoise.coding.learned.model import ClauseModel
from equipoise.coding.lexicon import Lexicon, VerbTrigger
from equipoise.coding.seam import SentenceView
from equipoise.coding.triggers import Trigger

# Meetings, agreements and joint work are read as acts of both sides ("X and Y settled on").
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


class LearnedTriggers:
    """Proposes verbs the lexicon does not know, typed by the clause model.

    Placed after the lexicon in the coder's sources, so it only adds triggers; a clause
    the model is unsure of (below the model's threshold), calls NONE or gives a type it
    was not reliable on in training proposes nothing.
    """

    def __init__(self, lexicon: Lexicon, model: ClauseModel, embedder: Embedder) -> None:
        self.lexicon = lexicon
        self.model = model
        self.embedder = embedder

    @classmethod
    def load(cls, lexicon: Lexicon) -> LearnedTriggers:
        return cls(lexicon, ClauseModel.load(), Embedder.load())

    def triggers(self, sent: Span, view: SentenceView) -> Iterable[Trigger]:
        if not view.mentions:
            return []
        verbs = list(candidates(sent, self.lexicon, view.tests))
        if not verbs:
            return []
        vectors = self.embedder.embed([phrase(v, view.tests.is_actor) for v in verbs])
        out = []
        for verb, (label, prob) in zip(verbs, self.model.predict(vectors), strict=True):
            if label not in self.model.proposable or prob < self.model.threshold:
                continue
            frame = "symmetric" if label in SYMMETRIC else "directed"
            entry = replace(VerbTrigger.plain(verb.lemma_.lower(), label, frame=frame),
                            preps=CANDIDATE_PREPS)
            out.append(Trigger(verb, label, None, verb=entry))
        return out
