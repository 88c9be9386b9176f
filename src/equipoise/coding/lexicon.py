"""Loading the coder's word lists (``data/lexicon/*.toml``) with a schema check."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from equipoise.errors import DataFileError
from equipoise.models import EVENT_TYPES

FRAMES = ("directed", "symmetric", "host", "solo", "reported", "felt")
# "at" is left out: "condemned the strike at a meeting of the Security Council" names a
# venue; verbs whose "at" names a target ("fired at") list it themselves.
DEFAULT_PREPS = ("to", "with", "against", "on", "upon", "toward", "towards", "into")


@dataclass(frozen=True, slots=True)
class VerbTrigger:
    lemma: str
    type: str
    mode: str | None
    frame: str
    preps: tuple[str, ...]
    objects: tuple[str, ...]
    particle: str | None
    particle_any: tuple[str, ...]
    needs_actor_object: bool
    needs_target: bool
    threat: bool
    only_unreal: bool
    complements: tuple[str, ...]
    adjective: bool
    no_complement: bool
    needs_infinitive: bool
    meets: bool  # the act brings both sides together ("summoned the ambassador")
    armed: tuple[str, ...] = ()  # words one of which the subject must hold ("troops clashed")
    cues: tuple[str, ...] = ()  # words one of which the clause must hold ("massed, chanting")
    infinitives: tuple[str, ...] = ()  # the "to" clause's verb is one of these ("to leave")
    strict_object: bool = False  # the object must be an actor itself, not name one
    bare: bool = False  # no "to" clause and no "for" phrase ("called on Albanese")
    actor_addressee: bool = False  # one told must be an actor ("warned Iran", not "citizens")
    body: str | None = None  # the organisation the act is done in ("vetoed": the UN)
    litotes: bool = False  # negated with a modal it is a threat ("would not go unanswered")
    intransitive: bool = False  # no direct object ("demonstrated", not "demonstrated the limits")

    @classmethod
    def plain(cls, lemma: str, type: str, mode: str | None = None, *,
              frame: str = "directed") -> VerbTrigger:
        """An entry with no conditions, for triggers proposed by other sources."""
        if type not in EVENT_TYPES or frame not in FRAMES:
            raise DataFileError(f"verb {lemma!r}: unknown type {type!r} or frame {frame!r}")
        return cls(lemma=lemma, type=type, mode=mode, frame=frame, preps=DEFAULT_PREPS,
                   objects=(), particle=None, particle_any=(), needs_actor_object=False,
                   needs_target=False, threat=False, only_unreal=False, complements=(),
                   adjective=False, no_complement=False, needs_infinitive=False, meets=False)


@dataclass(frozen=True, slots=True)
class NounTrigger:
    lemma: str
    type: str
    mode: str | None
    needs_light: bool
    needs_modifier: tuple[str, ...]
    light_unless: tuple[str, ...]
    frame: str | None
    objects: tuple[str, ...] = ()  # what the "of" object must be ("recall of its envoy")
    alone: str | None = None  # the type when no partner is named ("drills around Taiwan")
    armed: tuple[str, ...] = ()  # words one of which the phrase must hold ("border clashes")


@dataclass(frozen=True, slots=True)
class TypeInfo:
    quad: int
    intensity: float
    modes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatusCues:
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    future_modifiers: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_words: frozenset[str]
    negators: frozenset[str]
    negating_governors: frozenset[str]
    negating_nouns: frozenset[str]
    negating_phrases: frozenset[str]
    allegation_governors: frozenset[str]
    decisions: frozenset[str]
    historical_words: frozenset[str]
    historical_days: int
    reporting: frozenset[str] = frozenset()
    perfect_aux: frozenset[str] = frozenset()
    progressive_aux: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[VerbTrigger, ...]]
    nouns: dict[str, NounTrigger]
    light_verbs: frozenset[str]
    quantity_nouns: frozenset[str]
    acting_nouns: frozenset[str]
    settling_verbs: frozenset[str]
    settled_types: frozenset[str]
    result_verbs: frozenset[str]
    joins: dict[str, str]
    weights: frozenset[str]
    decisions: frozenset[str]
    companions: frozenset[str]
    delegates: frozenset[str]
    retype: dict[str, dict[str, str]]
    types: dict[str, TypeInfo]
    referents: dict[str, tuple[str, ...]]
    pronoun_referents: dict[str, tuple[str, ...]]
    status: StatusCues
    contexts: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls) -> Lexicon:
        trig = _toml("triggers.toml")
        dom = _toml("domestic.toml")  # read after triggers.toml, whose entries win
        light = trig.get("light", {})
        return cls(
            verbs=_verbs(trig.get("verb", []) + dom.get("verb", [])),
            nouns={n.lemma: n for n in map(_noun, dom.get("noun", []) + trig.get("noun", []))},
            light_verbs=frozenset(light.get("verbs", [])),
            quantity_nouns=frozenset(light.get("quantity", [])),
            acting_nouns=frozenset(light.get("acting", [])),
            settling_verbs=frozenset(light.get("settling", [])),
            settled_types=frozenset(light.get("settled_types", [])),
            result_verbs=frozenset(light.get("results", [])),
            joins={str(k): str(v) for k, v in light.get("joins", {}).items()},
            weights=frozenset(light.get("weights", [])),
            decisions=frozenset(light.get("decisions", [])),
            companions=frozenset(light.get("companions", [])),
            delegates=frozenset(trig.get("parties", {}).get("delegates", [])),
            retype={k: dict(v) for k, v in light.get("retype", {}).items()},
            types=_types(_toml("plover.toml")),
            referents={k: tuple(v) for k, v in (dom.get("referents", {})
                                                | trig.get("referents", {})).items()},
            pronoun_referents=_kinds_by_type(trig.get("pronoun_referents", {}),
                                             "triggers.toml [pronoun_referents]"),
            status=_status(_toml("status.toml")),
            contexts={k: tuple(v) for k, v in _toml("contexts.toml").items()},
        )


def _toml(name: str) -> dict[str, Any]:
    path = resources.files("equipoise.data") / "lexicon" / name
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"lexicon file {name}: {exc}") from exc


def _kinds_by_type(table: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    """A table from event type to event types, every name checked."""
    out: dict[str, tuple[str, ...]] = {}
    for key, kinds in table.items():
        for kind in (key, *kinds):
            if kind.split("@")[0] not in EVENT_TYPES:  # "REJECT@UN": one done in the UN
                raise DataFileError(f"{where}: unknown event type {kind!r}")
        out[key] = tuple(kinds)
    return out


def _check_type(entry: dict[str, Any], where: str) -> str:
    kind = str(entry.get("type", ""))
    if kind not in EVENT_TYPES:
        raise DataFileError(f"{where}: unknown event type {kind!r}")
    return kind


def _verbs(entries: list[dict[str, Any]]) -> dict[str, tuple[VerbTrigger, ...]]:
    out: dict[str, list[VerbTrigger]] = defaultdict(list)
    for e in entries:
        where = f"triggers.toml verb {e.get('lemma')!r}"
        frame = str(e.get("frame", "directed"))
        if frame not in FRAMES:
            raise DataFileError(f"{where}: unknown frame {frame!r}")
        out[str(e["lemma"])].append(VerbTrigger(
            lemma=str(e["lemma"]), type=_check_type(e, where), mode=e.get("mode"), frame=frame,
            preps=tuple(e.get("preps", DEFAULT_PREPS)), objects=tuple(e.get("objects", ())),
            particle=e.get("particle"), particle_any=tuple(e.get("particle_any", ())),
            needs_actor_object=bool(e.get("needs_actor_object", False)),
            needs_target=bool(e.get("needs_target", False)),
            threat=bool(e.get("threat", False)),
            only_unreal=bool(e.get("only_unreal", False)),
            complements=tuple(e.get("complements", ())),
            adjective=bool(e.get("adjective", False)),
            no_complement=bool(e.get("no_complement", False)),
            needs_infinitive=bool(e.get("needs_infinitive", False)),
            meets=bool(e.get("meets", False)), armed=tuple(e.get("armed", ())),
            cues=tuple(e.get("cues", ())),
            infinitives=tuple(e.get("infinitives", ())),
            strict_object=bool(e.get("strict_object", False)),
            bare=bool(e.get("bare", False)),
            actor_addressee=bool(e.get("actor_addressee", False)),
            body=str(e["body"]) if "body" in e else None,
            litotes=bool(e.get("litotes", False)),
            intransitive=bool(e.get("intransitive", False)),
        ))
    return {k: tuple(sorted(v, key=_specificity)) for k, v in out.items()}


def _specificity(entry: VerbTrigger) -> int:
    """Entries with more conditions are tried first ("called X a provocation" before
    "called Xi"); the sort is stable, so the file order decides among equals."""
    if entry.complements or entry.infinitives:
        return 0
    if entry.particle or entry.objects or entry.needs_target or entry.cues:
        return 1
    return 2


def _noun(e: dict[str, Any]) -> NounTrigger:
    where = f"triggers.toml noun {e.get('lemma')!r}"
    return NounTrigger(lemma=str(e["lemma"]), type=_check_type(e, where), mode=e.get("mode"),
                       needs_light=bool(e.get("needs_light", False)),
                       needs_modifier=tuple(e.get("needs_modifier", ())),
                       light_unless=tuple(e.get("light_unless", ())), frame=e.get("frame"),
                       objects=tuple(e.get("objects", ())),
                       alone=_check_type(e | {"type": e["alone"]}, where) if "alone" in e
                       else None, armed=tuple(e.get("armed", ())))


def _types(data: dict[str, Any]) -> dict[str, TypeInfo]:
    missing = set(EVENT_TYPES) - set(data)
    if missing:
        raise DataFileError(f"plover.toml lacks {', '.join(sorted(missing))}")
    return {k: TypeInfo(int(v["quad"]), float(v["intensity"]), tuple(v.get("modes", ())))
            for k, v in data.items()}


def _status(d: dict[str, Any]) -> StatusCues:
    def s(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in d.get(key, []))

    return StatusCues(
        future_aux=s("future_aux"), future_governors=s("future_governors"),
        future_modifiers=s("future_modifiers"), hypothetical_aux=s("hypothetical_aux"),
        hypothetical_governors=s("hypothetical_governors"),
        hypothetical_marks=s("hypothetical_marks"), hypothetical_words=s("hypothetical_words"),
        negators=s("negators"), negating_governors=s("negating_governors"),
        negating_nouns=s("negating_nouns"), negating_phrases=s("negating_phrases"),
        allegation_governors=s("allegation_governors"), decisions=s("decisions"),
        historical_words=s("historical_words"),
        historical_days=int(d.get("historical_days", 45)),
        reporting=s("reporting"), perfect_aux=s("perfect_aux"),
        progressive_aux=s("progressive_aux"),
    )


@dataclass(frozen=True, slots=True)
class KindPolicy:
    """How a trigger's type is settled once status and parties are known (``kinds.toml``)."""

    future_as_agree: frozenset[str]
    future_as_concede: frozenset[str]
    halts: frozenset[str]
    haltable: frozenset[str]
    phone_words: frozenset[str]
    gathering: frozenset[str]
    forceful: tuple[str, ...]
    hostile: frozenset[str]
    persons: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_kind_policy() -> KindPolicy:
    """Read once: the policy is shipped data, the same for every coder."""
    return kind_policy(_toml("kinds.toml"))


def kind_policy(d: dict[str, Any]) -> KindPolicy:
    """The policy from the parsed ``kinds.toml``, checked: every list present and not
    empty, every type one of PLOVER's."""

    def words(table: str, key: str) -> tuple[str, ...]:
        value = d.get(table, {}).get(key)
        if not isinstance(value, list) or not value or not all(
                isinstance(w, str) and w for w in value):
            raise DataFileError(f"kinds.toml [{table}] {key}: a non-empty list of words")
        return tuple(value)

    def types(table: str, key: str) -> tuple[str, ...]:
        value = words(table, key)
        unknown = [t for t in value if t not in EVENT_TYPES]
        if unknown:
            raise DataFileError(f"kinds.toml [{table}] {key}: unknown event type "
                                f"{', '.join(unknown)}")
        return value

    return KindPolicy(
        future_as_agree=frozenset(types("future", "as_agree")),
        future_as_concede=frozenset(types("future", "as_concede")),
        halts=frozenset(words("halts", "verbs")),
        haltable=frozenset(types("halts", "haltable")),
        phone_words=frozenset(words("phone", "words")),
        gathering=frozenset(types("types", "gathering")),
        forceful=types("types", "forceful"),
        hostile=frozenset(types("types", "hostile")),
        persons=frozenset(words("passive", "persons")),
    )
