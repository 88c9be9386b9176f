"""List what the coder misses and claims wrongly on a gold set, sentence by sentence.

    .venv/bin/python tools/misses.py tests/domestic [--sectors] [--only d05]

For each missed required unit: the gold evidence and what the coder produced from the
sentences that evidence overlaps; then each false positive with its evidence. It is the
starting point for bucketing misses by cause before changing the coder.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from equipoise.config import load_settings
from equipoise.evaluate import evaluate, event_pairs, gold_units
from equipoise.pipeline import extract


def _side(ev: dict[str, Any], side: str) -> str:
    out = []
    for a in ev.get(side) or []:
        code = a.get("country") or a.get("org")
        out.append(f"{code}/{a.get('sector')}")
    return ",".join(out)


def _line(ev: dict[str, Any]) -> str:
    return (f"{ev['event_type']} {_side(ev, 'actor')}>{_side(ev, 'recipient')} "
            f"{ev['status']} mode={ev.get('mode')}")


def _overlapping(evidence: str, text: str, events: list[dict[str, Any]]) -> list[str]:
    start = text.find(evidence[:60])
    if start < 0:
        return ["(evidence not found in text)"]
    end = start + len(evidence)
    return [_line(e) for e in events
            if e["evidence"]["start"] < end and e["evidence"]["end"] > start] or ["(nothing)"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--sectors", action="store_true")
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    arts, gold = args.root / "articles", args.root / "gold"
    files = sorted(str(p) for p in arts.glob("*.json") if (gold / p.name).exists()
                   and (args.only is None or p.stem == args.only))
    pred = {o.article.id: [e.to_dict() for e in o.events]
            for o in extract(files, settings=load_settings()) if o.article is not None}
    total, per = evaluate(arts, gold, pred, sectors=args.sectors)
    for name, score in per.items():
        if args.only is not None and name != args.only:
            continue
        text = json.loads((arts / f"{name}.json").read_text("utf-8"))["text"]
        events = pred.get(name, [])
        data = json.loads((gold / f"{name}.json").read_text("utf-8"))
        units = gold_units(data["events"], sectors=args.sectors)
        for unit in units:
            if not unit.required:
                continue
            label = f"{'/'.join(sorted(unit.types))} {'-'.join(sorted(unit.pair))}"
            if not any(label in m for m in score.missed):
                continue
            evidence = str(unit.events[0].get("evidence", ""))
            print(f"MISS {name} {label}\n  gold: {evidence}")
            for line in _overlapping(evidence, text, events):
                print(f"  coded: {line}")
        for false in score.false:
            print(f"FALSE {name} {false}")
        pairs = {f for e in events for f in event_pairs(e, sectors=args.sectors)}
        print(f"-- {name}: found {score.found}/{score.required}, fp {score.false_positive},"
              f" {len(pairs)} pairs coded")
    print(f"P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f}")


if __name__ == "__main__":
    main()
