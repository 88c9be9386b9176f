"""Exact and near duplicates: a rewritten wire story is caught, another story is not."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from equipoise.errors import ConfigError
from equipoise.ingest.clean import clean_document
from equipoise.ingest.dedup import DuplicateIndex, shingles
from equipoise.ingest.readers import iter_documents
from equipoise.models import Article, RawDocument


@pytest.fixture
def stories(data_dir: Path) -> dict[str, Article]:
    docs = [d for d in iter_documents([data_dir / "dedup"]) if isinstance(d, RawDocument)]
    return {Path(d.source).stem: clean_document(d) for d in docs}


def _check(index: DuplicateIndex, article: Article) -> tuple[str, str, float]:
    verdict = index.check_and_add(article.id, article.text, article.content_hash)
    return verdict.kind, verdict.canonical_id, verdict.similarity


def test_rewritten_wire_story_is_near_duplicate(stories: dict[str, Article]) -> None:
    index = DuplicateIndex()
    original, rewrite = stories["wire_original"], stories["wire_rewrite"]
    assert _check(index, original) == ("new", original.id, 0.0)
    kind, canonical, similarity = _check(index, rewrite)
    assert (kind, canonical) == ("near", original.id)
    assert 0.6 <= similarity < 0.7


def test_other_story_about_the_same_summit_is_new(stories: dict[str, Article]) -> None:
    index = DuplicateIndex()
    _check(index, stories["wire_original"])
    kind, canonical, similarity = _check(index, stories["same_summit_other_story"])
    assert kind == "new" and canonical == stories["same_summit_other_story"].id
    assert similarity < 0.1


def test_exact_copy_under_another_id(stories: dict[str, Article]) -> None:
    index = DuplicateIndex()
    original = stories["wire_original"]
    _check(index, original)
    assert _check(index, Article(id="copy", text=original.text,
                                 content_hash=original.content_hash)) == ("exact", original.id, 1.0)
    assert "copy" in index and len(index) == 2


def test_chain_of_near_duplicates_points_to_the_first(stories: dict[str, Article]) -> None:
    index = DuplicateIndex()
    original, rewrite = stories["wire_original"], stories["wire_rewrite"]
    _check(index, original)
    _check(index, rewrite)
    copy_of_rewrite = rewrite.text + "\n\nUpdated with a correction."
    verdict = index.check_and_add("third", copy_of_rewrite, "h3")
    assert verdict.kind == "near" and verdict.canonical_id == original.id


def test_seeded_articles_are_found(stories: dict[str, Article]) -> None:
    index = DuplicateIndex()
    original = stories["wire_original"]
    index.add_existing(original.id, original.text, original.content_hash)
    rewrite = stories["wire_rewrite"]
    assert _check(index, rewrite)[:2] == ("near", original.id)


def test_a_higher_threshold_lets_the_rewrite_through(stories: dict[str, Article]) -> None:
    index = DuplicateIndex(threshold=0.8)
    _check(index, stories["wire_original"])
    assert _check(index, stories["wire_rewrite"])[0] == "new"


def test_short_and_empty_texts() -> None:
    index = DuplicateIndex()
    assert index.check_and_add("a", "Two words", "ha").kind == "new"
    assert index.check_and_add("b", "two WORDS!", "hb").kind == "near"
    assert index.check_and_add("c", "...", "hc").kind == "new"


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The U.N. met, in Geneva!") == shingles("the un met in geneva")
    assert len(shingles("a b c d e f g")) == 3


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_bad_threshold_is_a_config_error(threshold: float) -> None:
    with pytest.raises(ConfigError, match="threshold"):
        DuplicateIndex(threshold=threshold)


def test_window_forgets_the_oldest_articles(stories: dict[str, Article]) -> None:
    index = DuplicateIndex(window=2)
    original, rewrite = stories["wire_original"], stories["wire_rewrite"]
    _check(index, original)
    index.check_and_add("x", "An unrelated report about fisheries talks in Lima today.", "hx")
    index.check_and_add("y", "Another unrelated report about a port strike in Rotterdam.", "hy")
    assert original.id not in index and len(index) == 2
    assert _check(index, rewrite)[0] == "new"
    again = index.check_and_add("z", original.text, original.content_hash)
    assert (again.kind, again.canonical_id) == ("near", rewrite.id)


def test_window_keeps_recent_near_copies(stories: dict[str, Article]) -> None:
    index = DuplicateIndex(window=3)
    original, rewrite = stories["wire_original"], stories["wire_rewrite"]
    _check(index, original)
    index.check_and_add("x", "An unrelated report about fisheries talks in Lima today.", "hx")
    assert _check(index, rewrite)[:2] == ("near", original.id)
    copy = Article(id="copy", text=original.text, content_hash=original.content_hash)
    assert _check(index, copy)[0] == "exact"
    assert len(index) == 3 and original.id not in index


def test_bad_window_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="window"):
        DuplicateIndex(window=0)


def test_band_matrix_proposes_the_same_candidates_as_datasketch() -> None:
    from datasketch import MinHashLSH

    from equipoise.ingest.dedup import _hashed_shingles

    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(60)]
    base = [" ".join(rng.choices(vocabulary, k=40)) for _ in range(20)]
    texts = [b if rng.random() < 0.5 else b + " " + " ".join(rng.choices(vocabulary, k=10))
             for b in base for _ in range(4)]
    index = DuplicateIndex(window=1000)
    reference = MinHashLSH(threshold=0.3, num_perm=128)
    for i, text in enumerate(texts):
        minhash = index._minhash(_hashed_shingles(text))
        assert set(index._bands.query(minhash)) == set(reference.query(minhash))
        index._bands.insert(str(i), minhash)
        reference.insert(str(i), minhash)
