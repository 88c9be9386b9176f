"""Exact and near-duplicate articles.

Exact: same content hash. Near: the same story re-edited by another outlet, found
with MinHash LSH over word 5-shingles of lower-cased text without punctuation. LSH only
proposes candidates; the verdict uses the exact Jaccard similarity of the two shingle
sets (kept as sorted 64-bit hashes), because a 128-permutation MinHash estimate is
off by 0.04 on average and by 0.1 in bad cases, too much near a 0.6 threshold.

Memory: the index holds only the most recent ``window`` articles (their shingle hashes
and LSH entries, a few kilobytes each), so a run's memory does not grow with the
corpus. Copies of a story appear within days of each other, and corpora are read
roughly in date order, so a window of tens of thousands of articles keeps nearly all
near copies; a copy arriving more than ``window`` articles after its original is
coded as a new story. Exact copies are not limited by the window: the caller checks
content hashes against the store.
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
DEFAULT_WINDOW = 20_000
_CANDIDATE_FACTOR = 0.5
_PUNCTUATION = re.compile(r"[^\w\s]+")

# Folding a band's hash values into one key: value j is multiplied by an odd number
# derived from the golden-ratio constant (any distinct odd multipliers would do).
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)

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
    """The most recent ``window`` articles of a run (or seeded from the store)."""

    def __init__(self, *, threshold: float = 0.6, num_perm: int = 128,
                 window: int = DEFAULT_WINDOW) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}")
        if window < 1:
            raise ConfigError(f"the near-duplicate window must hold at least 1 article, "
                              f"got {window}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.window = window
        # LSH only proposes candidates; its S-curve misses many pairs just above its own
        # threshold, so it is set lower and candidates are then checked against ``threshold``.
        self._bands = _Bands(threshold * _CANDIDATE_FACTOR, num_perm, window)
        self._by_hash: dict[str, str] = {}
        self._shingles: dict[str, Shingles] = {}
        self._canonical: dict[str, str] = {}
        # article id -> its content hash, oldest first: the eviction order
        self._order: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._canonical)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._canonical

    def check_and_add(self, article_id: str, text: str, content_hash: str) -> DuplicateVerdict:
        """Classify an article against those seen, then remember it."""
        first = self._by_hash.get(content_hash)
        if first is not None:
            canonical = self._canonical[first]
            self._track(article_id, content_hash, canonical)
            return DuplicateVerdict("exact", canonical, 1.0)
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
            self._track(article_id, content_hash, self._canonical[self._by_hash[content_hash]])
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
        for key in sorted(self._bands.query(minhash)):
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
        minhash, hashed = sketch
        if article_id not in self._shingles and len(hashed):
            self._shingles[article_id] = hashed
            self._bands.insert(article_id, minhash)
        self._track(article_id, digest, canonical)

    def _track(self, article_id: str, digest: str, canonical: str) -> None:
        self._canonical.setdefault(article_id, canonical)
        self._order.setdefault(article_id, digest)
        while len(self._order) > self.window:
            self._forget(next(iter(self._order)))

    def _forget(self, article_id: str) -> None:
        digest = self._order.pop(article_id)
        self._canonical.pop(article_id, None)
        if self._by_hash.get(digest) == article_id:
            del self._by_hash[digest]
        if self._shingles.pop(article_id, None) is not None:
            self._bands.remove(article_id)


class _Bands:
    """MinHash LSH candidates from a matrix of band keys, one row per indexed article.

    Same bands as datasketch's ``MinHashLSH`` for the threshold, but each band of ``r``
    hash values is folded into one 64-bit key held in a numpy array (about 300 bytes an
    article) instead of a Python set per bucket (about 15 kB an article). A fold
    collision only adds a candidate, which the exact Jaccard check then rejects.
    """

    def __init__(self, threshold: float, num_perm: int, capacity: int) -> None:
        shape = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r = int(shape.b), int(shape.r)
        self.capacity = capacity
        self._keys = np.zeros((min(capacity, 1024), self.b), dtype=np.uint64)
        self._used = np.zeros(len(self._keys), dtype=bool)
        self._ids: list[str] = [""] * len(self._keys)
        self._slot: dict[str, int] = {}
        self._free = list(range(len(self._keys) - 1, -1, -1))
        self._fold = (np.arange(1, self.r + 1, dtype=np.uint64) * _GOLDEN) | np.uint64(1)

    def band_keys(self, minhash: MinHash) -> npt.NDArray[np.uint64]:
        values = np.asarray(minhash.hashvalues[: self.b * self.r], dtype=np.uint64)
        keys: npt.NDArray[np.uint64] = (values.reshape(self.b, self.r) * self._fold).sum(
            axis=1, dtype=np.uint64)
        return keys

    def query(self, minhash: MinHash) -> list[str]:
        hits = np.flatnonzero(self._used & (self._keys == self.band_keys(minhash)).any(axis=1))
        return [self._ids[i] for i in hits]

    def insert(self, article_id: str, minhash: MinHash) -> None:
        if not self._free:
            self._grow()
        slot = self._free.pop()
        self._keys[slot] = self.band_keys(minhash)
        self._used[slot] = True
        self._ids[slot] = article_id
        self._slot[article_id] = slot

    def remove(self, article_id: str) -> None:
        slot = self._slot.pop(article_id)
        self._used[slot] = False
        self._free.append(slot)

    def _grow(self) -> None:
        old = len(self._keys)
        size = min(max(old * 2, 1), max(self.capacity, old + 1))
        self._keys = np.vstack([self._keys, np.zeros((size - old, self.b), dtype=np.uint64)])
        self._used = np.concatenate([self._used, np.zeros(size - old, dtype=bool)])
        self._ids += [""] * (size - old)
        self._free = list(range(size - 1, old - 1, -1))


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
