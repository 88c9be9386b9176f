"""Screening a batch before coding: read failures, language, exact and near duplicates.

Every path into the store screens the same way. Content hashes are looked up in the
store once per batch (when there is a store); only the hashes of batches screened but
not yet written are held here, so memory does not grow with the run. Near
duplicates are found by MinHash against this run and, with a store, the recently
stored stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from equipoise.config import Settings
from equipoise.ingest.dedup import DuplicateIndex
from equipoise.models import Article, Failure, content_hash
from equipoise.pipeline import language_reason
from equipoise.store import ArticleRecord, RunCounts, Store

__all__ = ["Screen", "Screened", "failed_article"]


def failed_article(failure: Failure) -> Article:
    """A stand-in article row that records an input that could not be read."""
    ident = failure.article_id or f"failed-{content_hash(failure.source)}"
    return Article(id=ident, text="", source=failure.source)


@dataclass(slots=True)
class Screened:
    """A screened batch: its inputs, the records to store as is, the articles to code."""

    items: list[Article | Failure]
    records: list[ArticleRecord] = field(default_factory=list)
    to_code: list[Article] = field(default_factory=list)


class Screen:
    """Decides for each input: record it as failed, skipped or a copy, or code it."""

    def __init__(self, settings: Settings, store: Store | None) -> None:
        self.languages = settings.languages
        self.store = store
        self.near = DuplicateIndex(threshold=settings.near_duplicate_threshold)
        self.stored: dict[str, str] = {}
        self.unwritten: dict[str, str] = {}
        if store is not None:
            # a resumed or later run still sees recent stories as candidates for near copies
            for ident, text, digest in store.recent_coded(self.near.window):
                self.near.add_existing(ident, text, digest)

    def seed(self, ident: str, text: str, digest: str) -> None:
        """An article coded earlier in this run (a resumed one): later copies are duplicates."""
        self.near.add_existing(ident, text, digest)
        if digest:
            self.unwritten.setdefault(digest, ident)

    def batch(self, items: list[Article | Failure], counts: RunCounts,
              failures: list[Failure]) -> Screened:
        """Screen ``items``, counting into ``counts`` and naming each non-coded input."""
        self._look_up(items)
        out = Screened(items)
        for item in items:
            counts.read += 1
            if isinstance(item, Failure):
                counts.failed += 1
                failures.append(item)
                out.records.append(ArticleRecord(failed_article(item), "failed",
                                                 error=f"{item.stage}: {item.reason}"))
                continue
            self._article(item, out, counts, failures)
        return out

    def written(self, items: list[Article | Failure]) -> None:
        """The batch is stored now: its hashes are found in the store from here on."""
        if self.store is None:
            return
        for item in items:
            if isinstance(item, Article) and self.unwritten.get(item.content_hash) == item.id:
                del self.unwritten[item.content_hash]

    def _look_up(self, items: list[Article | Failure]) -> None:
        if self.store is None:
            return
        hashes = [a.content_hash for a in items if isinstance(a, Article) and a.content_hash]
        self.stored = self.store.stored_hashes(hashes)

    def _article(self, article: Article, out: Screened, counts: RunCounts,
                 failures: list[Failure]) -> None:
        reason = language_reason(article, self.languages)
        if reason is not None:
            counts.skipped += 1
            failures.append(Failure(article.source, "language", reason, article.id))
            out.records.append(ArticleRecord(article, "skipped", error=reason))
            return
        kind, canonical = self._verdict(article)
        if kind == "new":
            out.to_code.append(article)
            return
        if kind == "stored":
            # the store keeps this very article (a resumed run, or a folder ingested
            # again): nothing to do, and not a copy of another story
            counts.already_stored += 1
            return
        counts.duplicates += 1
        if canonical != article.id:
            out.records.append(ArticleRecord(article, "duplicate", canonical_id=canonical,
                                             error=f"{kind} duplicate of {canonical}"))
        # else: the same input given twice in this run; its first reading stands

    def _verdict(self, article: Article) -> tuple[str, str | None]:
        digest = article.content_hash
        unwritten = self.unwritten.get(digest)
        if unwritten is not None:
            return "exact", unwritten
        stored = self.stored.get(digest)
        if stored == article.id:
            return "stored", stored
        if stored is not None:
            return "exact", stored
        result = self.near.check_and_add(article.id, article.text, digest)
        self.unwritten[digest] = article.id
        if result.kind == "near":
            return "near", result.canonical_id
        return "new", None
