"""The world basemap shipped in ``data/basemap/countries.json``: loaded once, checked."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from equipoise.errors import DataFileError

_WHERE = "data/basemap/countries.json"


def _check_ring(ring: Any, code: str) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise DataFileError(f"{_WHERE}: {code} has a ring with fewer than 4 points")
    for point in ring:
        ok = isinstance(point, list) and len(point) == 2 and all(
            isinstance(v, int | float) for v in point)
        if not ok or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            raise DataFileError(f"{_WHERE}: {code} has a point {point!r} that is not [lon, lat]")


def check_basemap(body: Any) -> dict[str, Any]:
    """The schema: version 1, countries with a code, a name and rings of [lon, lat]."""
    if not isinstance(body, dict) or body.get("version") != 1:
        raise DataFileError(f"{_WHERE}: needs version 1; regenerate it with "
                            "tools/extract_basemap.py")
    countries = body.get("countries")
    if not isinstance(countries, list) or not countries:
        raise DataFileError(f"{_WHERE}: needs a non-empty list of countries")
    for c in countries:
        if not isinstance(c, dict) or not isinstance(c.get("code"), str) \
                or not isinstance(c.get("name"), str) or not isinstance(c.get("rings"), list):
            raise DataFileError(f"{_WHERE}: every country needs code, name and rings")
        for ring in c["rings"]:
            _check_ring(ring, c["code"])
    return body


@functools.cache
def load_basemap() -> dict[str, Any]:
    """The shipped basemap (checked once per process)."""
    text = resources.files("equipoise.data").joinpath("basemap", "countries.json").read_text(
        "utf-8")
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{_WHERE}: not valid JSON ({exc})") from exc
    return check_basemap(body)
