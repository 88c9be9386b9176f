"""Reading the store: ``events``, ``article``, ``export`` and the ``report``."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from equipoise.cli._context import settings_of
from equipoise.cli._options import DATE
from equipoise.errors import NotFoundError
from equipoise.models import EVENT_TYPES, STATUSES

if TYPE_CHECKING:
    from rich.text import Text

    from equipoise.analyse.report import Report
    from equipoise.store import EventFilter, Store, StoredArticle

EXPORT_FORMATS = ("plover-jsonl", "polecat-tsv", "cameo-tsv", "csv", "parquet", "jsonl")


def _store(ctx: click.Context, db: str | None) -> Store:
    from equipoise.store import Store

    return Store(db or settings_of(ctx).db)


def _checked(ctx: click.Context, text: str | None) -> str | None:
    """A code or name as typed -> its code; unknown ones fail with suggestions."""
    from equipoise.analyse.codes import code_book

    return None if text is None else code_book(settings_of(ctx).actor_files).resolve(text)


def _sector(ctx: click.Context, text: str | None) -> str | None:
    """A sector code as typed -> the code; an unknown one fails, listing the vocabulary."""
    from equipoise.analyse.codes import code_book

    return None if text is None else code_book(settings_of(ctx).actor_files).sector(text)


def _filter(**fields: Any) -> EventFilter:
    from equipoise.store import EventFilter

    return EventFilter(**fields)


def _filter_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--actor", help="Actor: a code (KOR, EU) or a name (\"South Korea\")."),
        click.option("--recipient", help="Recipient: a code or a name."),
        click.option("--type", "event_type", type=click.Choice(EVENT_TYPES, case_sensitive=False)),
        click.option("--status", type=click.Choice(STATUSES)),
        click.option("--since", type=DATE, help="First day (YYYY-MM-DD)."),
        click.option("--until", type=DATE, help="Last day (YYYY-MM-DD)."),
        click.option("--sector", help="A participant of this sector (GOV, MIL, COP, CVL, ...; "
                                      "docs/actors.md)."),
        click.option("--scope", type=click.Choice(["domestic", "international"]),
                     help="Only acts inside one country (two sectors of it), or only the "
                          "others."),
        click.option("--db", type=click.Path(dir_okay=False), default=None,
                     help="DuckDB store (default: the `db` setting, ./equipoise.duckdb)."),
    ]):
        f = opt(f)
    return f


@click.command("events")
@_filter_options
@click.option("--limit", type=click.IntRange(1, 100_000), default=None,
              help="At most this many rows (stories or reports).")
@click.option("--wide", is_flag=True,
              help="One table row per report with every column (for wide terminals).")
@click.option("--rows", type=click.Choice(["story", "report"]), default="story",
              show_default=True,
              help="Table rows: one per story (a real-world event, its reports merged) or "
                   "one per report. csv, jsonl and parquet always have one per report.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]),
              default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of the terminal (required for parquet).")
@click.pass_context
def events_cmd(ctx: click.Context, actor: str | None, recipient: str | None,
               event_type: str | None, status: str | None, since: date | None,
               until: date | None, sector: str | None, scope: str | None, db: str | None,
               limit: int | None, wide: bool, rows: str, fmt: str, output: str | None) -> None:
    """Query stored events.

    Actor and recipient are codes or names the actor dictionary knows ("South Korea").
    """
    actor, recipient = _checked(ctx, actor), _checked(ctx, recipient)
    sector = _sector(ctx, sector)
    flt = _filter(actor=actor, recipient=recipient, event_type=event_type, status=status,
                  since=since, until=until, sector=sector, scope=scope, limit=limit)
    store = _store(ctx, db)
    if fmt == "table":
        _print_table(store, flt, wide=wide, stories=rows == "story")
        return
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    n = store.export(flt, fmt, Path(output) if output else sys.stdout)
    if output:
        click.echo(f"{n} events -> {output}", err=True)


@click.command("export")
@_filter_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="plover-jsonl",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of the terminal (required for parquet).")
@click.pass_context
def export_cmd(ctx: click.Context, actor: str | None, recipient: str | None,
               event_type: str | None, status: str | None, since: date | None,
               until: date | None, sector: str | None, scope: str | None, db: str | None,
               fmt: str, output: str | None) -> None:
    """Export events as PLOVER JSONL, POLECAT/CAMEO-style TSV, CSV or Parquet."""
    actor, recipient = _checked(ctx, actor), _checked(ctx, recipient)
    sector = _sector(ctx, sector)
    flt = _filter(actor=actor, recipient=recipient, event_type=event_type, status=status,
                  since=since, until=until, sector=sector, scope=scope)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    n = _store(ctx, db).export(flt, fmt, Path(output) if output else sys.stdout)
    click.echo(f"{n} events exported", err=True)


def _print_table(store: Store, flt: EventFilter, *, wide: bool, stories: bool) -> None:
    from equipoise.cli import _tables

    if stories and not wide:
        found, total = store.stories(flt)
        heading = _tables.heading(len(found), total).replace("events", "stories")
        click.echo(_tables.story_text(found, heading), nl=False)
        return

    rows = store.events(flt)
    total = len(rows) if flt.limit is None else store.count_events(flt)
    heading = _tables.heading(len(rows), total)
    if not wide:
        click.echo(_tables.narrow_text(rows, heading), nl=False)
        return
    from equipoise.cli._console import echo

    echo(_tables.wide_table(rows, heading), width=max(_tables.terminal_width(), 160))


def _codes(actors: list[dict[str, Any]]) -> str:
    """ "GEO/COP": code and sector, as docs/actors.md writes an actor."""
    return ", ".join(f"{a.get('country') or a.get('org') or '?'}/{a.get('sector') or 'UNK'}"
                     for a in actors)


@click.command("article")
@click.argument("article_id")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--plain", is_flag=True, help="Mark evidence with [[ ]] instead of colour.")
@click.pass_context
def article_cmd(ctx: click.Context, article_id: str, db: str | None, plain: bool) -> None:
    """Show an article's cleaned text with each event's evidence marked."""
    from rich.text import Text

    from equipoise.cli._console import echo

    stored = _store(ctx, db).article(article_id)
    if stored is None:
        raise NotFoundError(f"no article {article_id!r} in the store")
    lines = [Text(f"{safe(stored.article.title or stored.article.id)} "
                  f"({_published(stored)}, {stored.status})", style="bold")]
    if stored.error:  # a failed or skipped input: why, rather than an empty page
        lines.append(Text(f"{stored.status}: {safe(stored.error)}"))
    lines.append(marked_text(stored, plain=plain))
    for e in stored.events:
        who = _codes([a.to_dict() for a in e.actor])
        if e.recipient:  # no arrow toward nobody for a joint event
            who += f" -> {_codes([a.to_dict() for a in e.recipient])}"
        lines.append(Text(f"- {e.event_type} {e.status} {who} {e.date or ''} "
                          f"[{e.evidence.start}:{e.evidence.end}] {e.id}"))
    echo(*lines, color=not plain)


def _published(stored: StoredArticle) -> str:
    """The date with where it came from ("2026-01-14 from html"), or "undated"."""
    a = stored.article
    if a.published is None:
        return "undated"
    return f"{a.published} from {a.published_source}" if a.published_source else str(a.published)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Stored text shown in a terminal: control characters (escape sequences) removed."""
    return CONTROL.sub(" ", text)


def marked_text(stored: StoredArticle, *, plain: bool) -> Text:
    """The article text (never interpreted as markup) with evidence spans highlighted."""
    from rich.text import Text

    text = safe(stored.article.text)  # same length, so evidence offsets still hold
    spans = sorted({(s.start, s.end) for e in stored.events
                    for s in (e.evidence, *e.more_evidence)})
    if not plain:
        out = Text(text)
        for start, end in spans:
            out.stylize("bold reverse", start, end)
        return out
    pieces, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        pieces += [text[pos:start], "[[", text[start:end], "]]"]
        pos = end
    pieces.append(text[pos:])
    return Text("".join(pieces))


@click.command("report")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.option("--focal", default="KOR", show_default=True,
              help="The middle power whose balance is read (a code or a name).")
@click.option("--between", nargs=2, default=("CHN", "JPN"), show_default=True,
              help="The two powers (codes or names).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def report_cmd(ctx: click.Context, db: str | None, focal: str, between: tuple[str, str],
               fmt: str) -> None:
    """What the store holds, and a reading of FOCAL's balance between two powers.

    FOCAL and the powers are codes or names the actor dictionary knows ("South Korea").
    """
    from equipoise.analyse.codes import code_book
    from equipoise.analyse.report import build_report

    focal, p1, p2 = code_book(settings_of(ctx).actor_files).resolve_all((focal, *between))
    report = build_report(_store(ctx, db), focal=focal, between=(p1, p2))
    if fmt == "json":
        click.echo(json.dumps(_report_dict(report), indent=2, default=str))
        return
    _print_report(report, db or settings_of(ctx).db)


def _report_dict(r: Report) -> dict[str, Any]:
    s = r.summary
    return {"articles": s.articles, "events": s.events, "articles_by_status": s.articles_by_status,
            "events_by_type": s.events_by_type,
            "top_dyads": [{"a": d.source, "b": d.target, "events": d.count,
                           f"{d.source}->{d.target}": d.forward,
                           f"{d.target}->{d.source}": d.backward, "joint": d.joint}
                          for d in s.top_dyads],
            "balance": [p.to_dict() for p in r.periods],
            "sequences": [q.to_dict() for q in r.sequences], "reading": r.reading}


def _print_report(r: Report, db: str) -> None:
    from rich.text import Text

    from equipoise.cli._console import echo

    s = r.summary
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(s.articles_by_status.items()))
    dyads = "; ".join(f"{d.source}-{d.target} {d.count} ({d.source}->{d.target} {d.forward}, "
                      f"{d.target}->{d.source} {d.backward}, joint {d.joint})"
                      for d in s.top_dyads)
    echo(Text(f"Store {db}: {s.articles} articles ({statuses}), {s.events} events, "
              f"{s.first_date} to {s.last_date}", style="bold"),
         Text("Events by type: " + ", ".join(f"{k} {v}" for k, v in sorted(
             s.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])))),
         Text(f"Top dyads (occurred, dated events; by direction): {dyads}"),
         Text(f"\n{r.focal} between {r.between[0]} and {r.between[1]}: ", style="bold")
         + Text(r.reading))
    # Commands to copy: never wrapped, whatever the terminal's width.
    click.echo(f"\nNext: equipoise balance {r.focal} --between {' '.join(r.between)} "
               f"--db {db} --plot balance.png\n      equipoise events --actor {r.focal} "
               f"--db {db}\n      equipoise serve --db {db}")


commands = [events_cmd, export_cmd, article_cmd, report_cmd]
