"""The analysis layer's error (part of the one ``EquipoiseError`` tree)."""

from __future__ import annotations

from equipoise.errors import EquipoiseError


class AnalysisError(EquipoiseError):
    """Options an analysis cannot work with (same power twice, window < 1, ...)."""

    exit_code = 2
