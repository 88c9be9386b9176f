"""A paraphrase-robust trigger source: clauses the lexicon does not know, typed by a small
classifier over MiniLM sentence vectors.

Importing this package registers it with the coder's seam as the trigger source
``"learned"``; the ``learned_triggers`` setting decides whether the pipeline uses it.
Retrain with ``tools/train_learned.py``.
"""

from __future__ import annotations

from equipoise.coding.learned.clauses import candidates, phrase
from equipoise.coding.learned.embed import Embedder
from equipoise.coding.learned.model import ClauseModel
from equipoise.coding.learned.source import LearnedTriggers
from equipoise.coding.seam import register_trigger_source

__all__ = ["SOURCE_NAME", "ClauseModel", "Embedder", "LearnedTriggers", "candidates", "phrase"]

SOURCE_NAME = "learned"

register_trigger_source(SOURCE_NAME, LearnedTriggers.load)
