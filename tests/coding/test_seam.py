"""The seam for learned parts: another trigger source and another typer plug in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import pytest
from spacy.tokens import Span

from equipoise.coding.coder import Coder
from equipoise.coding.lexicon import Lexicon, VerbTrigger
from equipoise.coding.seam import (
    EventTyper,
    LexiconTriggers,
    LexiconTyper,
    SentenceView,
    TriggerSource,
    register_trigger_source,
    trigger_sources,
    typer,
)
from equipoise.coding.triggers import Trigger
from equipoise.errors import ConfigError
from equipoise.models import Article, Event
from equipoise.pipeline import Resources


class _Upbraided:
    """A stand-in for a learned source: "upbraided" is not in the lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.entry = VerbTrigger.plain("upbraid", "ACCUSE")

    def triggers(self, sent: Span, view: SentenceView) -> Iterable[Trigger]:
        for tok in sent:
            if tok.lemma_.lower() == "upbraid" and view.mentions:
                yield Trigger(tok, "ACCUSE", None, verb=self.entry)


class _DropAll:
    def type(self, trigger: Trigger, sent: Span) -> Trigger | None:
        return None


class _AllThreats:
    def type(self, trigger: Trigger, sent: Span) -> Trigger | None:
        return replace(trigger, type="THREATEN")


def _coder(resources: Resources, sources: tuple[TriggerSource, ...],
           typer_: EventTyper) -> Coder:
    base = resources.coder
    return Coder(lexicon=base.lexicon, mentions=base.mentions, gazetteer=base.gazetteer,
                 actors=base.actors, sources=sources, typer=typer_)


def _code(coder: Coder, resources: Resources, text: str) -> list[Event]:

    article = Article(id="seam", text=text, published=date(2025, 3, 4))
    return coder.code(article, resources.nlp(text))


def test_lexicon_parts_satisfy_the_protocols(resources: Resources) -> None:
    lexicon = resources.coder.lexicon
    assert isinstance(LexiconTriggers(lexicon), TriggerSource)
    assert isinstance(LexiconTyper(lexicon), EventTyper)
    assert isinstance(_DropAll(), EventTyper)


def test_a_second_source_adds_triggers_the_lexicon_lacks(resources: Resources) -> None:
    lexicon = resources.coder.lexicon
    text = "Japan upbraided China on Monday."
    alone = _code(_coder(resources, (LexiconTriggers(lexicon),), LexiconTyper(lexicon)),
                  resources, text)
    assert not any(e.event_type == "ACCUSE" for e in alone)
    both = _coder(resources, (LexiconTriggers(lexicon), _Upbraided(lexicon)),
                  LexiconTyper(lexicon))
    found = [e for e in _code(both, resources, text) if e.event_type == "ACCUSE"]
    assert [(a.code, r.code) for e in found for a in e.actor for r in e.recipient] == [
        ("JPN", "CHN")]


def test_the_typer_decides_type_or_drops(resources: Resources) -> None:
    lexicon = resources.coder.lexicon
    text = "Japan condemned China on Monday."
    dropped = _coder(resources, (LexiconTriggers(lexicon),), _DropAll())
    assert _code(dropped, resources, text) == []
    retyped = _coder(resources, (LexiconTriggers(lexicon),), _AllThreats())
    assert {e.event_type for e in _code(retyped, resources, text)} == {"THREATEN"}


def test_sources_are_registered_by_name(resources: Resources) -> None:
    lexicon = resources.coder.lexicon
    register_trigger_source("upbraid-test", _Upbraided)
    built = trigger_sources(("lexicon", "upbraid-test"), lexicon)
    assert [type(s) for s in built] == [LexiconTriggers, _Upbraided]
    assert isinstance(typer("lexicon", lexicon), LexiconTyper)
    with pytest.raises(ConfigError, match="unknown trigger source nope"):
        trigger_sources(("nope",), lexicon)
    with pytest.raises(ConfigError, match="unknown event typer nope"):
        typer("nope", lexicon)
