"""Re-derive the ``xfail`` marks of ``sentences.jsonl`` from the current coder.

Run after a coder change: ``.venv/bin/python -m tests.coding.remark`` lists the rows whose
mark is stale (now passing, or newly failing); ``--write`` rewrites those rows, and only
the tables that hold one, with a short diagnosis (missing actor mention, no trigger,
trigger found but event dropped, wrong type/parties/details, extra claimed event). A row
still failing keeps its mark; when the diagnosis now reads otherwise it is listed as a
note. Check a newly failing row against the guideline before accepting its mark: the
table may be wrong, not the coder.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from equipoise.coding.arguments import MentionIndex
from equipoise.coding.triggers import ActorTests, find_triggers
from equipoise.config import load_settings
from equipoise.models import Article, Event
from equipoise.pipeline import Resources, code_article

from .table import CLAIMED, Expected, Row, load_rows, problems

TABLES = tuple(Path(__file__).with_name(n) for n in ("sentences.jsonl", "real_news.jsonl",
                                                     "actors_news.jsonl"))


def short(event: Event) -> str:
    actors = ",".join(a.code or "?" for a in event.actor)
    recipients = ",".join(a.code or "?" for a in event.recipient)
    status = "" if event.status == "occurred" else f" {event.status}"
    return f"{event.event_type} {actors}>{recipients}{status}"


def diagnose(row: Row, events: list[Event], resources: Resources) -> str:
    """A one-line reason why the coder fails the row."""
    doc = resources.nlp(row.text)
    bits = [_why_missing(exp, events, doc, row, resources)
            for exp in row.events if not exp.optional]
    bits += [f"extra {short(e)}" for e in events
             if e.status in CLAIMED and not any(x.explains(e) for x in row.events)]
    return "; ".join(b for b in bits if b)


def _why_missing(exp: Expected, events: list[Event], doc: Doc, row: Row,
                 resources: Resources) -> str:
    candidates = [e for e in events if exp.explains(e)]
    if candidates:
        diffs = [exp.differences(e) for e in candidates]
        return "" if any(not d for d in diffs) else f"{exp.types[0]}: {', '.join(diffs[0])}"
    same_type = [e for e in events if e.event_type in exp.types]
    if same_type:
        return f"{exp.types[0]} parties wrong (got {short(same_type[0])})"
    same_parties = [e for e in events if any(p.matches(e) for p in exp.parties)]
    if same_parties:
        return f"{exp.types[0]} coded as {short(same_parties[0])}"
    return f"{exp.types[0]} not coded: {_cause(exp, doc, row, resources)}"


def _cause(exp: Expected, doc: Doc, row: Row, resources: Resources) -> str:
    mentions = resources.coder.mentions(doc, row.published)
    found = {a.code for m in mentions for a in m.actors}
    wanted = exp.parties[0].actors | exp.parties[0].recipients
    lost = sorted(wanted - found)
    if lost:
        return f"no actor mention for {','.join(lost)}"
    index = MentionIndex(mentions)
    types = set(exp.types) | ({"CONSULT"} if "AGREE" in exp.types else set())
    triggers = [t for sent in doc.sents
                for t in find_triggers(sent, resources.coder.lexicon, ActorTests(
                    index.has_actor, index.names_actor, index.is_visitor))
                if t.type in types]
    if triggers:
        return f"trigger '{triggers[0].token.text}' found, event dropped"
    return f"no trigger (root '{next(iter(doc.sents)).root.lemma_}')"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="rewrite the xfail marks")
    args = parser.parse_args(argv)
    resources = Resources.load(load_settings())
    for table in TABLES:
        marks = remark(table, resources, write=args.write)
        for line in (*marks.changed, *marks.notes):
            print(f"{table.name}: {line}")
        if not marks.changed:
            print(f"{table.name}: marks current, not rewritten")
        elif args.write:
            print(f"{table.name}: rewrote {len(marks.changed)} mark(s)")
    return 0


@dataclass
class Marks:
    """Rows whose mark changed (now passing, newly failing), and rows still failing for
    another reason than their mark says (told, not rewritten: a mark written by hand
    often says more than the diagnosis would)."""

    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def remark(table: Path, resources: Resources, *, write: bool) -> Marks:
    """What changed in ``table``'s marks; with ``write`` the table is rewritten when a mark
    changed, and only then, with every other line left byte for byte as it was."""
    rows = {r.id: r for r in load_rows(table)}
    lines, marks = [], Marks()
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            lines.append(line)
            continue
        raw = json.loads(line)
        row = rows[raw["id"]]
        events = code_article(Article(id=row.id, text=row.text, published=row.published),
                              resources)
        reason = (diagnose(row, events, resources) if problems(row, events) else "") or None
        if bool(reason) == bool(row.xfail):
            if reason and reason != row.xfail:
                marks.notes.append(f"note: {row.id} still fails; the diagnosis now reads: "
                                   f"{reason} (the mark, kept: {row.xfail})")
            lines.append(line)
            continue
        marks.changed.append(f"{row.id}: now fails: {reason}" if reason
                             else f"{row.id}: now passes (was: {row.xfail})")
        raw.pop("xfail", None)
        if reason:
            raw["xfail"] = reason
        lines.append(json.dumps(raw, ensure_ascii=False))
    if write and marks.changed:
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marks


if __name__ == "__main__":
    raise SystemExit(main())
