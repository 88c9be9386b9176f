"""``actors``: look up codes, names and terms of office in the actor dictionary."""

from __future__ import annotations

import json
from dataclasses import asdict

import click
from rich.table import Table

from equipoise.analyse.codes import code_book
from equipoise.cli._console import echo
from equipoise.cli._context import settings_of


@click.command("actors")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="At most this many rows; the title says how many match.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def actors_cmd(ctx: click.Context, query: str, limit: int, fmt: str) -> None:
    """States, organisations and people whose code or a name contains QUERY.

    People come with their title and term of office; a code (JPN) lists the state and
    everyone filed under it. Any name shown here is accepted where a code is asked for.
    """
    book = code_book(settings_of(ctx).actor_files)
    every = book.search(query, limit=None)
    found = every[:limit]
    if not found and query.strip().upper() not in book.codes:
        click.echo(f"nothing matches {query!r}; try part of a name, e.g. 'Korea'", err=True)
        ctx.exit(1)
    if fmt == "json":
        rows = [{**asdict(m), "start": m.start and m.start.isoformat(),
                 "end": m.end and m.end.isoformat(), "names": list(m.names)} for m in found]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        if len(found) < len(every):
            click.echo(f"showing {len(found)} of {len(every)} actors matching {query!r}; "
                       f"--limit {len(every)} lists them all", err=True)
        return
    cut = len(found) < len(every)
    title = (f"showing {len(found)} of {len(every)} actors matching {query!r}" if cut
             else f"{len(found)} actors matching {query!r}")
    caption = f"--limit {len(every)} lists them all" if cut else None
    table = Table(title=title, caption=caption)
    for column in ("code", "kind", "name", "title", "term"):
        table.add_column(column, overflow="fold")
    for m in found:
        term = "" if m.kind != "person" else f"{m.start or '?'} to {m.end or 'now'}"
        table.add_row(m.code, m.kind, m.name, m.title or "", term)
    echo(table)


commands: list[click.Command] = [actors_cmd]
