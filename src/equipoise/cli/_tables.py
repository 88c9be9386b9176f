"""Event tables for an 80-column terminal: one line of facts, the evidence on its own line.

``--wide`` keeps the one-row-per-event table for wide terminals. Long text is cut at a
word with an ellipsis, never mid-word, so a cut sentence still reads.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any

WIDTH = 80
EVIDENCE_WIDTH = 150  # two terminal lines


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(1, width - 1)]
    if text[len(cut)] != " " and " " in cut:  # the cut fell inside a word: drop it
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def codes(actors: Sequence[dict[str, Any]]) -> str:
    return ",".join(str(a.get("country") or a.get("org") or "?") for a in actors)


def wrap(text: str, indent: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` characters, each starting with ``indent``."""
    lines, line = [], indent
    for word in text.split():
        if len(line) + len(word) + (line != indent) > width and line != indent:
            lines.append(line)
            line = indent
        line += ("" if line == indent else " ") + word
    return [*lines, line] if line != indent else lines


def _fact_line(r: dict[str, Any]) -> str:
    loc = r.get("location") or {}
    dyad = codes(r.get("actor") or [])
    if r.get("recipient"):
        dyad += ">" + codes(r["recipient"])
    precision = (r.get("date_precision") or "")[:5] if r.get("date") else ""
    return (f"{r.get('date') or 'undated':<10} {precision:<5} {r['event_type']:<9} "
            f"{r['status']:<12} {shorten(dyad, 15):<15} "
            f"{shorten(str(loc.get('place') or loc.get('country') or ''), 14):<14} "
            f"{r.get('confidence') or 0:.2f}")  # fmt: skip


def narrow_text(rows: Sequence[dict[str, Any]], heading: str) -> str:
    """Each event as a line of facts, then its article id and evidence, indented."""
    out = [heading, "date       prec  type      status       actor>recip     place          conf",
           "-" * 78]  # fmt: skip
    for r in rows:
        out.append(_fact_line(r))
        evidence = shorten(str((r.get("evidence") or {}).get("text") or ""), EVIDENCE_WIDTH)
        out += wrap(f"[{r['article_id']}] {evidence}", "    ", WIDTH)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def outlets(count: int, articles: int) -> str:
    """``2 outlets``; no outlet known is said as such, not as "0 outlets"."""
    if count == 0:
        return "outlet unknown" if articles == 1 else "outlets unknown"
    return _n(count, "outlet")


def story_text(stories: Sequence[Any], heading: str) -> str:
    """Each story (a real-world event): a line of facts, its reports, one evidence."""
    out = [heading, "when       type      status       who                  place          conf",
           "-" * 78]  # fmt: skip
    for s in stories:
        who = s.dyad
        out.append(f"{s.first_date or 'undated'!s:<10} {s.event_type:<9} {s.status:<12} "
                   f"{shorten(who, 20):<20} {shorten(s.place or '', 14):<14} "
                   f"{s.confidence or 0:.2f}")  # fmt: skip
        evidence = shorten(next((e for e in s.evidence if e), ""), EVIDENCE_WIDTH)
        out += wrap(f"[{', '.join(s.article_ids)}] {evidence}", "    ", WIDTH)
        out.append(f"    {_n(s.mentions, 'report')} in {_n(s.articles, 'article')}, "
                   f"{outlets(s.outlets, s.articles)}; story {s.id}")
    return "\n".join(line.rstrip() for line in out) + "\n"


def wide_table(rows: Sequence[dict[str, Any]], heading: str) -> Any:
    """The rich table of every column, for a wide terminal (``--wide``)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=heading)
    for col in ("date", "prec", "type", "status", "actor", "recipient", "place", "conf",
                "article", "evidence", "id"):
        table.add_column(col, overflow="fold")
    for r in rows:
        loc = r.get("location") or {}
        table.add_row(r.get("date") or "", r.get("date_precision") or "", r["event_type"],
                      r["status"], codes(r.get("actor") or []), codes(r.get("recipient") or []),
                      str(loc.get("place") or loc.get("country") or ""),
                      f"{r.get('confidence') or 0:.2f}", r["article_id"],
                      Text(shorten(str(r["evidence"]["text"]), 300)), r["id"])  # fmt: skip
    return table


def heading(shown: int, total: int) -> str:
    """``N events``, or ``showing N of M events`` when a limit cut the list."""
    if shown < total:
        return f"showing {shown} of {total} events (raise --limit for more)"
    return f"{total} events"


def terminal_width() -> int:
    return shutil.get_terminal_size((WIDTH, 24)).columns
