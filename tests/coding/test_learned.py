"""The learned trigger layer: its model file, its candidates, and the setting that
plugs it into the coder through the seam."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from equipoise.coding.arguments import MentionIndex
from equipoise.coding.learned import SOURCE_NAME, ClauseModel, Embedder, LearnedTriggers
from equipoise.coding.learned.clauses import candidates, phrase
from equipoise.coding.learned.model import NONE, fit
from equipoise.coding.triggers import ActorTests
from equipoise.config import load_settings
from equipoise.errors import ConfigError, DataFileError
from equipoise.models import Article, Event
from equipoise.pipeline import Resources, code_article

UNLISTED = "Brazil lauded India for its handling of the grain talks."


@pytest.fixture(scope="module")
def learned() -> Resources:
    return Resources.load(replace(load_settings(environ={}), learned_triggers=True))


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def _code(resources: Resources, text: str) -> list[Event]:
    return code_article(Article(id="t", text=text), resources)


def _tests(resources: Resources, text: str) -> tuple[list[str], list[str]]:
    """The candidate verbs of a text and the phrases the classifier reads."""
    doc = resources.nlp(text)
    index = MentionIndex(resources.coder.mentions(doc, None))
    tests = ActorTests(index.has_actor, index.names_actor, index.is_visitor)
    verbs = [v for s in doc.sents for v in candidates(s, resources.coder.lexicon, tests)]
    return [v.text for v in verbs], [phrase(v, tests.is_actor) for v in verbs]


def test_the_setting_is_off_by_default_and_read_from_the_environment() -> None:
    assert load_settings(environ={}).learned_triggers is False
    on = load_settings(environ={"EQUIPOISE_LEARNED_TRIGGERS": "true"})
    assert on.learned_triggers is True
    with pytest.raises(ConfigError, match="learned_triggers"):
        load_settings(environ={"EQUIPOISE_LEARNED_TRIGGERS": "sometimes"})


def test_the_learned_source_runs_after_the_lexicon_only_when_enabled(
        learned: Resources) -> None:
    default = Resources.load(load_settings(environ={}))
    assert not any(isinstance(s, LearnedTriggers) for s in default.coder.sources)
    assert isinstance(learned.coder.sources[-1], LearnedTriggers)
    assert SOURCE_NAME == "learned"


def test_an_unlisted_predicate_between_two_actors_is_coded_with_the_layer(
        learned: Resources) -> None:
    default = Resources.load(load_settings(environ={}))
    assert _code(default, UNLISTED) == []
    events = _code(learned, UNLISTED)
    assert [(e.event_type, [a.code for a in e.actor], [r.code for r in e.recipient])
            for e in events] == [("SUPPORT", ["BRA"], ["IND"])]


def test_a_type_the_model_may_not_propose_is_not_coded(learned: Resources) -> None:
    source = learned.coder.sources[-1]
    assert isinstance(source, LearnedTriggers)
    model = replace(source.model, proposable=source.model.proposable - {"SUPPORT"})
    strict = copy.copy(learned.coder)
    strict.sources = (*learned.coder.sources[:-1],
                      LearnedTriggers(source.lexicon, model, source.embedder))
    assert _code(replace(learned, coder=strict), UNLISTED) == []


def test_listed_verbs_stay_the_lexicons(learned: Resources) -> None:
    verbs, _ = _tests(learned, "Japan condemned China's missile launch.")
    assert verbs == []
    events = _code(learned, "Japan condemned China over the missile launch on Monday.")
    assert {e.event_type for e in events} == {"ACCUSE"}


def test_candidates_need_an_actor_on_each_side(learned: Resources) -> None:
    verbs, phrases = _tests(learned, "Pakistan hit out at India over the water treaty.")
    assert verbs == []  # "hit" is listed; the lexicon decides it
    verbs, phrases = _tests(learned, "The ministry lauded the new rules.")
    assert verbs == []
    verbs, phrases = _tests(learned, UNLISTED)
    assert verbs == ["lauded"]
    assert phrases[0].startswith("someone lauded someone for")  # actors masked


def test_the_embedder_gives_unit_vectors_that_padding_does_not_change(
        embedder: Embedder) -> None:
    short, long = "praised the measures", "condemned the measures taken by the government"
    v = embedder.embed([short, long])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    alone = embedder.embed([short])[0]
    assert np.allclose(v[0], alone, atol=1e-4)  # the padded batch reads the same phrase
    assert embedder.embed([]).shape == (0, v.shape[1])


def test_the_shipped_model_has_every_type_and_a_threshold() -> None:
    model = ClauseModel.load()
    assert model.labels[0] == NONE and len(model.labels) == 17
    assert 0.0 < model.threshold < 1.0
    assert model.weights.shape == (17, 384)


@pytest.mark.parametrize(("change", "reason"), [
    ({"format": "other"}, "not a clause typer"),
    ({"labels": ["NONE", "HUG"]}, "HUG"),
    ({"bias": [0.0]}, "do not fit"),
    ({"weights": "x"}, "do not fit|bad weights"),
    ({"proposable": ["SUPPORT", "HUG"]}, "proposable"),
])
def test_a_broken_model_file_is_reported_with_its_reason(
        tmp_path: Path, change: dict[str, object], reason: str) -> None:
    data = ClauseModel.load().to_json() | change
    path = tmp_path / "typer.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataFileError, match=reason):
        ClauseModel.load(path)


def test_fit_is_deterministic_and_separates_labelled_groups() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(3, 8, dtype=np.float32)
    x = np.vstack([c + 0.05 * rng.standard_normal((20, 8)) for c in centres]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = [NONE] * 20 + ["SUPPORT"] * 20 + ["ACCUSE"] * 20
    labels = (NONE, "SUPPORT", "ACCUSE")
    w1, b1 = fit(x, y, labels)
    w2, b2 = fit(x, y, labels)
    assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    model = ClauseModel(labels, w1, b1, 0.5, {})
    assert [label for label, _ in model.predict(x)] == y
