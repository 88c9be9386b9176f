"""Where triggers and event types come from: the seam for other (learned) parts.

The coder asks two pluggable parts about every sentence:

* a **trigger source** proposes the words that report an event. It receives the parsed
  sentence (a spaCy ``Span``) and a ``SentenceView`` (tests on tokens: does this token
  stand for an actor, name one, is it a visitor; and the actor mentions of the
  sentence), and yields ``Trigger`` records (``coding.triggers``): the token, a PLOVER
  type and mode, and for a verb the ``VerbTrigger`` entry that says how to read its
  arguments (``VerbTrigger.plain(lemma, type)`` builds one with the defaults: subject
  acts, object and "to/with/against/on" objects are acted on). Several sources can run;
  the first to claim a token wins, so a learned source placed after the lexicon only adds
  triggers on words the lexicon does not know.
* an **event typer** decides the type of each proposed trigger. It receives the
  trigger and its sentence and returns the trigger (retyped with
  ``dataclasses.replace`` if need be) or ``None`` to drop it. The lexicon's typer keeps
  the type its entry fixed.

Both are protocols; the lexicon is one implementation of each. To plug in another::

    from equipoise.coding.seam import register_trigger_source, register_typer
    register_trigger_source("clauses", lambda lexicon: MyClauseClassifier(lexicon))
    Coder(..., sources=trigger_sources(("lexicon", "clauses"), lexicon), typer=...)

``pipeline.Resources`` builds the coder with the names in ``DEFAULT_SOURCES`` and
``DEFAULT_TYPER``; a registered factory receives the loaded ``Lexicon`` and is called
once per process, so it may load a model there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from spacy.tokens import Span

from equipoise.actors.mentions import Mention
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.triggers import ActorTests, Trigger, find_triggers
from equipoise.errors import ConfigError

__all__ = [
    "DEFAULT_SOURCES", "DEFAULT_TYPER", "EventTyper", "LexiconTriggers", "LexiconTyper",
    "SentenceView", "TriggerSource", "propose", "register_trigger_source", "register_typer",
    "trigger_sources", "typer",
]

DEFAULT_SOURCES: tuple[str, ...] = ("lexicon",)
DEFAULT_TYPER = "lexicon"


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What a trigger source may know of a sentence besides its parse."""

    tests: ActorTests
    mentions: tuple[Mention, ...]


@runtime_checkable
class TriggerSource(Protocol):
    """Proposes the words of a sentence that report events."""

    def triggers(self, sent: Span, view: SentenceView) -> Iterable[Trigger]: ...


@runtime_checkable
class EventTyper(Protocol):
    """Decides the PLOVER type of a proposed trigger, or drops it (``None``)."""

    def type(self, trigger: Trigger, sent: Span) -> Trigger | None: ...


class LexiconTriggers:
    """Triggers from the shipped word lists (``data/lexicon/triggers.toml``)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def triggers(self, sent: Span, view: SentenceView) -> Iterable[Trigger]:
        return find_triggers(sent, self.lexicon, view.tests)


class LexiconTyper:
    """The type the lexicon entry fixed; every trigger is kept."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def type(self, trigger: Trigger, sent: Span) -> Trigger | None:
        return trigger


SourceFactory = Callable[[Lexicon], TriggerSource]
TyperFactory = Callable[[Lexicon], EventTyper]
_SOURCES: dict[str, SourceFactory] = {"lexicon": LexiconTriggers}
_TYPERS: dict[str, TyperFactory] = {"lexicon": LexiconTyper}


def register_trigger_source(name: str, factory: SourceFactory) -> None:
    """Make a trigger source available by name (replaces one of the same name)."""
    _SOURCES[name] = factory


def register_typer(name: str, factory: TyperFactory) -> None:
    """Make an event typer available by name (replaces one of the same name)."""
    _TYPERS[name] = factory


def trigger_sources(names: Sequence[str], lexicon: Lexicon) -> tuple[TriggerSource, ...]:
    """The named trigger sources, built in order."""
    unknown = [n for n in names if n not in _SOURCES]
    if unknown:
        raise ConfigError(f"unknown trigger source {', '.join(unknown)}; registered: "
                          f"{', '.join(sorted(_SOURCES))}")
    return tuple(_SOURCES[n](lexicon) for n in names)


def typer(name: str, lexicon: Lexicon) -> EventTyper:
    """The named event typer."""
    if name not in _TYPERS:
        raise ConfigError(f"unknown event typer {name}; registered: "
                          f"{', '.join(sorted(_TYPERS))}")
    return _TYPERS[name](lexicon)


def propose(sent: Span, view: SentenceView, sources: Sequence[TriggerSource],
            typer_: EventTyper) -> Iterator[Trigger]:
    """Every source's triggers, typed; a token claimed by an earlier source is not
    proposed again by a later one."""
    claimed: set[int] = set()
    for source in sources:
        mine: set[int] = set()
        for trigger in source.triggers(sent, view):
            if trigger.token.i in claimed:
                continue
            typed = typer_.type(trigger, sent)
            if typed is not None:
                mine.add(trigger.token.i)
                yield typed
        claimed |= mine
