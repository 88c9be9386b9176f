"""Exact and near-duplicate articles.

Exact: same content hash. Near: the same story re-edited by another outlet, found
with MinHash LSH over word 5-shingles of lower-cased text without punctuation. LSH only
proposes candidates; the verdict uses the exact Jaccard similarity of the two shingle
sets (kept as sorted 64-bit hashes), because a 128-permutation MinHash estimate is
off by 0.04 on average and by 0.1 in bad cases, too much near a 0.6 threshold.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from equipoise.errors import ConfigError

SHINGLE_WORDS = 5
_CANDIDATE_FACTOR = 0.5
_PUNCTUATION = re.compile(r"[^\w\s]+")

DuplicateKind = Literal["new", "exact", "near"]
Shingles = npt.NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class DuplicateVerdict:
    """``canonical_id`` is the first-seen article of the story (the article itself if new).

    ``similarity`` is the Jaccard similarity of word 5-shingles with the closest
    earlier article (1.0 for exact copies, 0.0 when nothing was close).
    """

    kind: DuplicateKind
    canonical_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams of the normalised text (one shingle for a shorter text)."""
    words = _PUNCTUATION.sub("", text.casefold()).split()
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class DuplicateIndex:
    """Articles seen so far in a run (or seeded from the store), for duplicate checks."""

    def __init__(self, *, threshold: float = 0.6, num_perm: int = 128) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}")
        self.threshold = threshold
        self.num_perm = num_perm
        # LSH only proposes candidates; its S-curve misses many pairs just above its own
        # threshold, so it is set lower and candidates are then checked against ``threshold``.
        self._lsh = MinHashLSH(threshold=threshold * _CANDIDATE_FACTOR, num_perm=num_perm)
        self._by_hash: dict[str, str] = {}
        self._shingles: dict[str, Shingles] = {}
        self._canonical: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._canonical)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._canonical

    def check_and_add(self, article_id: str, text: str, content_hash: str) -> DuplicateVerdict:
        """Classify an article against those seen, then remember it."""
        first = self._by_hash.get(content_hash)
        if first is not None:
            self._canonical.setdefault(article_id, self._canonical[first])
            return DuplicateVerdict("exact", self._canonical[first], 1.0)
        hashed = _hashed_shingles(text)
        minhash = self._minhash(hashed)
        best_id, best = self._closest(minhash, hashed, exclude=article_id)
        near = best_id is not None and best >= self.threshold
        canonical = self._canonical[best_id] if near and best_id else article_id
        self._remember(article_id, content_hash, (minhash, hashed), canonical)
        return DuplicateVerdict("near" if near else "new", canonical, round(best, 4))

    def add_existing(self, article_id: str, text: str, content_hash: str) -> None:
        """Seed the index with an article already stored (its own canonical)."""
        if content_hash in self._by_hash:
            self._canonical.setdefault(article_id, self._canonical[self._by_hash[content_hash]])
            return
        hashed = _hashed_shingles(text)
        self._remember(article_id, content_hash, (self._minhash(hashed), hashed), article_id)

    def _minhash(self, hashed: Shingles) -> MinHash:
        minhash = MinHash(num_perm=self.num_perm)
        minhash.update_batch([int(h).to_bytes(8, "little") for h in hashed])
        return minhash

    def _closest(
        self, minhash: MinHash, hashed: Shingles, *, exclude: str
    ) -> tuple[str | None, float]:
        best_id: str | None = None
        best = 0.0
        if minhash.is_empty():
            return best_id, best
        for key in sorted(self._lsh.query(minhash)):
            if key == exclude:
                continue
            score = jaccard(hashed, self._shingles[key])
            if score > best:
                best_id, best = key, score
        return best_id, best

    def _remember(
        self, article_id: str, digest: str, sketch: tuple[MinHash, Shingles], canonical: str
    ) -> None:
        self._by_hash.setdefault(digest, article_id)
        self._canonical.setdefault(article_id, canonical)
        minhash, hashed = sketch
        if article_id not in self._shingles and len(hashed):
            self._shingles[article_id] = hashed
            self._lsh.insert(article_id, minhash)


def _hashed_shingles(text: str) -> Shingles:
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        for s in shingles(text)
    }
    return np.array(sorted(hashes), dtype=np.uint64)


def jaccard(a: Shingles, b: Shingles) -> float:
    """Jaccard similarity of two sorted, distinct hash arrays."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)
