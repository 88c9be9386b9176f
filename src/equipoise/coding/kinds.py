"""The final type and mode of an event, and how its parties are laid out.

The lexicon fixes a trigger's type; the coder still adjusts it once the parties and the
status are known: announced cooperation is an agreement (PLOVER), a call by phone is a
phone consultation, a meeting of three or more is multilateral, citizens protesting are
a protest rather than a government's accusation.
"""

from __future__ import annotations

from dataclasses import replace

from equipoise.coding.arguments import OBJECT_CONTROL
from equipoise.coding.lexicon import StatusCues, load_kind_policy
from equipoise.coding.participants import Sides
from equipoise.coding.sidewords import side_words
from equipoise.coding.status import clause_status
from equipoise.coding.triggers import Trigger
from equipoise.coding.when import When
from equipoise.models import Actor, Status

_POLICY = load_kind_policy()  # data/lexicon/kinds.toml
GATHERING_TYPES = _POLICY.gathering
FORCEFUL_TYPES = _POLICY.forceful
HOSTILE_TYPES = _POLICY.hostile
HALT_DEPS = {"xcomp", "dobj", "ccomp", "pcomp"}  # how a halted act hangs on "stop"


def retype(trigger: Trigger, status: Status, sides: Sides, parties: list[Actor]
           ) -> tuple[str, str | None]:
    """The type and mode once status and parties are known."""
    kind, mode = trigger.type, trigger.mode
    if kind == "ACCUSE" and parties and parties[0].sector == "CVL":
        return "PROTEST", "demo"  # "farmers protested against ...": people, not a government
    if status == "future" and (kind == "CONSULT" or kind in _POLICY.future_as_agree):
        return "AGREE", None  # PLOVER: announced cooperation is an agreement
    if status == "future" and kind in _POLICY.future_as_concede:
        return "CONCEDE", None
    if kind == "CONSULT" and _by_phone(trigger):
        mode = "phone"
    if kind == "CONSULT":
        if sides.host:
            mode = "third-party"
        elif any(a.org for a in parties) or len({a.code for a in parties}) >= 3:
            mode = mode or "multilateral"
    return kind, mode


def gathered(trigger: Trigger, kind: str, mode: str | None, actors: list[Actor],
             recipients: list[Actor]) -> tuple[list[Actor], list[Actor], str | None]:
    """Everyone at a gathering acts together: a host bringing two guests together, or a
    meeting of several ("met his counterparts from X, Y and Z"), so that every pair is
    coded. Guests received one after another ("were received by the new president") each
    visit the host and stay apart."""
    if trigger.verb is not None and trigger.verb.frame == "host" and len(actors) >= 2 and (
            trigger.token.lemma_.lower() not in side_words().receiving):
        actors, recipients, mode = actors + recipients, [], "multilateral"  # hosted both
    if kind in GATHERING_TYPES and mode not in ("visit", "phone") and recipients and (
            len(actors) >= 2 or (kind == "CONSULT" and len(recipients) >= 2)):
        actors, recipients = actors + recipients, []
    return actors, recipients, mode


def _by_phone(trigger: Trigger) -> bool:
    """ "held phone talks", "talked by telephone", "in a video call"."""
    tok = trigger.token
    phone = _POLICY.phone_words
    if any(c.lower_ in phone for c in tok.children if c.dep_ in ("compound", "amod")):
        return True
    return any(g.lower_ in phone for c in tok.children if c.dep_ == "prep"
               and c.lower_ in ("by", "over") for g in c.children)


def confidence(sides: Sides, filled: bool, when: When) -> float:
    """Lower when a side was inherited from a governing verb or taken from context, or
    the date is only the publication's."""
    score = 0.8
    if sides.inherited:
        score -= 0.1
    if filled:
        score -= 0.2
    if not when.explicit:
        score -= 0.05
    return max(0.1, min(0.95, score))


def halted(trigger: Trigger, cues: StatusCues) -> tuple[Trigger, Status] | None:
    """ "Washington would stop bombing the group", "Israel halted its strikes": a halt of
    force declared is a concession (PLOVER CONCEDE), one carried out a retreat (RETREAT,
    ceasefire); both are the halting side's act toward the target. None when the trigger
    is not halted, or the halt itself did not happen ("did not stop")."""
    tok = trigger.token
    verb = tok.head
    if trigger.type not in _POLICY.haltable or tok.dep_ not in HALT_DEPS or verb.i == tok.i or (
            verb.lemma_.lower() not in _POLICY.halts):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
        return None  # "told Kyiv to halt its strikes": only asked for
    status = clause_status(verb, cues)
    if status == "negated":
        return None
    if status == "occurred":
        return replace(trigger, type="RETREAT", mode="ceasefire"), "occurred"
    return replace(trigger, type="CONCEDE", mode=None), "occurred"  # the declaration is now
