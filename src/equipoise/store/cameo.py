"""The PLOVER -> CAMEO root mapping used by the ``cameo-tsv`` export.

The table lives in ``equipoise/data/cameo.csv`` (users may pass their own file of the
same shape). Each PLOVER type has a default CAMEO root; a few modes override it:

=========  ==========================================  =====  =========
PLOVER     CAMEO root                                  quad   Goldstein
=========  ==========================================  =====  =========
REQUEST    02 Appeal                                   1       3.0
AGREE      03 Express intent to cooperate              1       4.0
CONSULT    04 Consult                                  1       1.0
SUPPORT    05 Engage in diplomatic cooperation         1       3.5
COOPERATE  06 Engage in material cooperation           2       6.0
AID        07 Provide aid                              2       7.0
CONCEDE    08 Yield                                    2       5.0
RETREAT    08 Yield                                    2       5.0
ACCUSE     11 Disapprove (mode investigate: 09)        3      -2.0
REJECT     12 Reject                                   3      -4.0
THREATEN   13 Threaten                                 3      -6.0
PROTEST    14 Protest                                  4      -6.5
MOBILIZE   15 Exhibit force posture                    4      -7.2
SANCTION   16 Reduce relations                         4      -4.0
COERCE     17 Coerce                                   4      -7.0
ASSAULT    18 Assault; 19 Fight for firearms, heavy    4      -9.0 / -10.0
           weapons, aerial, drone; 20 for
           unconventional; 17 for destroy and
           crowd-control
=========  ==========================================  =====  =========

PLOVER folds CAMEO's "demand" (10) into REQUEST and "investigate" (09) into ACCUSE,
and splits CAMEO's 18/19 by mode, so the mapping is many-to-one and lossy: use it to
compare with CAMEO-coded datasets, not as a CAMEO coder.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from equipoise.errors import DataFileError
from equipoise.models import EVENT_TYPES

__all__ = ["CameoCode", "CameoMapping", "load_cameo_mapping"]

_HEADER = ["plover_type", "plover_mode", "cameo_root", "cameo_label", "quad_class", "goldstein"]


@dataclass(frozen=True, slots=True)
class CameoCode:
    root: str
    label: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class CameoMapping:
    defaults: dict[str, CameoCode]
    by_mode: dict[tuple[str, str], CameoCode]

    def code(self, event_type: str, mode: str | None = None) -> CameoCode:
        """The CAMEO root for a PLOVER type, refined by its mode when the table says so."""
        if mode and (event_type, mode) in self.by_mode:
            return self.by_mode[(event_type, mode)]
        try:
            return self.defaults[event_type]
        except KeyError:
            raise DataFileError(f"no CAMEO mapping for event type {event_type!r}") from None


def _parse_row(row: dict[str, str], where: str) -> tuple[str, str, CameoCode]:
    root, quad, score = row["cameo_root"], row["quad_class"], row["goldstein"]
    if row["plover_type"] not in EVENT_TYPES:
        raise DataFileError(f"{where}: {row['plover_type']!r} is not a PLOVER event type")
    if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
        raise DataFileError(f"{where}: cameo_root {root!r} is not a two-digit root 01-20")
    try:
        code = CameoCode(root, row["cameo_label"], int(quad), float(score))
    except ValueError as exc:
        raise DataFileError(f"{where}: quad_class or goldstein is not a number ({exc})") from exc
    if code.quad_class not in (1, 2, 3, 4) or not -10.0 <= code.goldstein <= 10.0:
        raise DataFileError(f"{where}: quad_class must be 1-4 and goldstein within -10..10")
    return row["plover_type"], row["plover_mode"], code


def parse_cameo_mapping(text: str, where: str = "cameo.csv") -> CameoMapping:
    """Parse and check a mapping table; every PLOVER type needs a default row."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames != _HEADER:
        raise DataFileError(f"{where}: header must be {','.join(_HEADER)}")
    defaults: dict[str, CameoCode] = {}
    by_mode: dict[tuple[str, str], CameoCode] = {}
    for number, row in enumerate(reader, start=1):
        event_type, mode, code = _parse_row(row, f"{where} row {number}")
        target = (event_type, mode)
        if (mode and target in by_mode) or (not mode and event_type in defaults):
            raise DataFileError(f"{where} row {number}: {event_type} {mode!r} given twice")
        if mode:
            by_mode[target] = code
        else:
            defaults[event_type] = code
    missing = [t for t in EVENT_TYPES if t not in defaults]
    if missing:
        raise DataFileError(f"{where}: no default CAMEO root for {', '.join(missing)}")
    return CameoMapping(defaults, by_mode)


def load_cameo_mapping(path: Path | None = None) -> CameoMapping:
    """The shipped table, or a user's file of the same shape."""
    if path is None:
        text = resources.files("equipoise.data").joinpath("cameo.csv").read_text("utf-8")
        return parse_cameo_mapping(text, "shipped cameo.csv")
    try:
        return parse_cameo_mapping(path.read_text("utf-8"), str(path))
    except OSError as exc:
        raise DataFileError(f"cannot read CAMEO mapping {path}: {exc.strerror}") from exc
