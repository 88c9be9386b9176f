"""The scale layer's error (part of the one ``EquipoiseError`` tree)."""

from __future__ import annotations

from equipoise.errors import EquipoiseError


class ScaleError(EquipoiseError):
    """A worker pool or cluster failed, or a Parquet folder cannot be used."""
