"""The clause typer: a softmax regression from a clause vector to a PLOVER type or NONE.

Why a linear model: a few hundred labelled clauses do not support more, it trains in a
second without torch, and its weights are a small JSON file anyone can inspect, diff and
retrain (``tools/train_learned.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from equipoise.errors import DataFileError
from equipoise.models import EVENT_TYPES

FORMAT = "equipoise-clause-typer/1"
NONE = "NONE"
Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class ClauseModel:
    labels: tuple[str, ...]
    weights: Matrix  # labels x dimensions
    bias: Matrix  # labels
    threshold: float  # least probability for a type to be proposed
    about: dict[str, Any]  # how it was trained (figures, data sizes)
    # the types the layer may propose: those it got right often enough on the folds
    proposable: frozenset[str] = frozenset(EVENT_TYPES)

    def probabilities(self, vectors: Matrix) -> Matrix:
        logits = vectors @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probs

    def predict(self, vectors: Matrix) -> list[tuple[str, float]]:
        """The likeliest label of each vector with its probability."""
        probs = self.probabilities(vectors)
        best = probs.argmax(axis=1)
        return [(self.labels[int(i)], float(probs[n, i])) for n, i in enumerate(best)]

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": list(self.labels), "threshold": self.threshold,
                "proposable": sorted(self.proposable), "about": self.about,
                "bias": [round(float(x), 6) for x in self.bias],
                "weights": [[round(float(x), 6) for x in row] for row in self.weights]}

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str) -> ClauseModel:
        if data.get("format") != FORMAT:
            raise DataFileError(f"{where}: not a clause typer file (format {FORMAT} expected)")
        labels = tuple(str(x) for x in data.get("labels", []))
        unknown = [x for x in labels if x != NONE and x not in EVENT_TYPES]
        if NONE not in labels or unknown:
            raise DataFileError(f"{where}: labels must be PLOVER types and NONE, got "
                                f"{', '.join(unknown) or 'no NONE'}")
        try:
            weights = np.array(data["weights"], dtype=np.float32)
            bias = np.array(data["bias"], dtype=np.float32)
            threshold = float(data["threshold"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{where}: bad weights ({exc})") from exc
        if weights.ndim != 2 or weights.shape[0] != len(labels) or bias.shape != (len(labels),):
            raise DataFileError(f"{where}: weights {weights.shape} and bias {bias.shape} do "
                                f"not fit {len(labels)} labels")
        proposable = frozenset(str(x) for x in data.get("proposable", labels[1:]))
        if not proposable <= set(labels) - {NONE}:
            raise DataFileError(f"{where}: proposable types must be among the labels, got "
                                f"{', '.join(sorted(proposable - set(labels)))}")
        return cls(labels, weights, bias, threshold, dict(data.get("about", {})), proposable)

    @classmethod
    def load(cls, path: Path | None = None) -> ClauseModel:
        """The shipped model (``data/learned/clause_typer.json``) or the one at ``path``."""
        source = path or resources.files("equipoise.data") / "learned" / "clause_typer.json"
        where = str(source)
        try:
            data = json.loads(source.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataFileError(f"{where}: cannot read the clause typer ({exc})") from exc
        return cls.from_json(data, where)


def fit(vectors: Matrix, targets: list[str], labels: tuple[str, ...], *, l2: float = 1e-3,
        epochs: int = 600, rate: float = 0.5, scale: float = 10.0) -> tuple[Matrix, Matrix]:
    """Softmax regression by full-batch gradient descent; deterministic (zero start).

    Unit vectors have tiny coordinates; ``scale`` stretches them so that the fit reaches
    confident probabilities in a few hundred steps (folded back into the weights).
    """
    vectors = vectors * scale
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(targets), len(labels)), dtype=np.float32)
    y[np.arange(len(targets)), [index[t] for t in targets]] = 1.0
    counts = y.sum(axis=0)
    # rare types weigh as much as common ones, NONE (the bulk) counts once
    sample = (y @ (len(targets) / np.maximum(counts, 1.0) / len(labels))).astype(np.float32)
    w = np.zeros((len(labels), vectors.shape[1]), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    for _ in range(epochs):
        logits = vectors @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        err = (p - y) * sample[:, None] / len(targets)
        w -= rate * (err.T @ vectors + l2 * w)
        b -= rate * err.sum(axis=0)
    return w * scale, b
