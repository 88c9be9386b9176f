"""One-party acts that are only part of another act the article tells.

The guideline keeps an act with a single participant only when it stands on its own (a
missile test, a deployment). In real news most one-party claims are pieces of something
else: jets "sent to strike" targets (the strike is the event), missiles "fired from the
direction of the Golan" by a side already at war in the story (the fighting is), a
leader who "is expected to meet the freed Germans" (a meeting with one's own nationals).
"""

from __future__ import annotations

from spacy.tokens import Token

from equipoise.coding.lexicon import Lexicon
from equipoise.coding.references import ArticleState
from equipoise.coding.triggers import Trigger
from equipoise.models import Actor

# what a deployment can be the means of: "sent jets to strike", "deployed a team to assist"
PURPOSE_TYPES = frozenset({"ASSAULT", "AID", "COERCE"})
# meetings and promises need two parties; with one country alone they are its own affair
TWO_SIDED = frozenset({"AGREE", "CONSULT"})
NATIONALS = frozenset({"GOV", "CVL", None})


def part_of_another(trigger: Trigger, kind: str, actors: list[Actor], recipients: list[Actor],
                    state: ArticleState, lexicon: Lexicon) -> bool:
    """Whether a one-party event is a piece of another act rather than an event."""
    if kind == "MOBILIZE" and trigger.verb is not None and any(
            _purpose_is_act(v, lexicon) for v in _purposes(trigger.token)):
        return True  # also when the story in play lends it a recipient (nom5)
    codes = {a.code for a in actors + recipients}
    if len(codes) != 1 or any(a.org for a in actors + recipients):
        return False
    if kind in TWO_SIDED:
        # "will welcome the returning prisoners": a government and its own nationals (a
        # meeting with rebels, the opposition or unions is a domestic event, kept)
        return {a.sector for a in actors + recipients} <= NATIONALS
    if kind != "MOBILIZE" or recipients:
        return False
    if any(_purpose_is_act(v, lexicon) for v in _purposes(trigger.token)):
        return True
    code = next(iter(codes))
    return trigger.mode == "weapons" and state.conflict_in_play and (
        code in state.hostile_parties)


def _purposes(tok: Token) -> list[Token]:
    """The verbs saying what a deployment is for: "sent jets to strike", "jets to strike"."""
    out = [c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
    out += [g for o in tok.children if o.dep_ == "dobj" for g in o.children
            if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB"]
    return out


def _purpose_is_act(verb: Token, lexicon: Lexicon) -> bool:
    return any(e.type in PURPOSE_TYPES and not e.objects and not e.cues
               for e in lexicon.verbs.get(verb.lemma_.lower(), ()))
