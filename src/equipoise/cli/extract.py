"""``equipoise extract``: code articles without storing them."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of
from equipoise.cli._options import DATE

if TYPE_CHECKING:
    from rich.table import Table

    from equipoise.models import Event
    from equipoise.pipeline import Outcome


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table",
              show_default=True, help="jsonl: one contract record per line.")
@click.option("--published", type=DATE, default=None,
              help="Publication date for inputs that lack one (YYYY-MM-DD).")
@click.pass_context
def extract_cmd(ctx: click.Context, files: tuple[str, ...], fmt: str, published: date | None
                ) -> None:
    """Code FILES (.txt, .html, .json, .jsonl, feeds) and print their events."""
    from rich.console import Console

    from equipoise.pipeline import extract

    failed = 0
    console = Console(highlight=False, soft_wrap=True)
    for outcome in extract(files, settings=settings_of(ctx), published=published):
        if outcome.status != "coded":
            failed += outcome.status == "failed"
            why = outcome.reason if outcome.status == "skipped" else (
                f"{outcome.stage}: {outcome.reason}")
            click.echo(f"{outcome.status}: {outcome.source}: {why}", err=True)
            continue
        if fmt == "jsonl":
            # Where the date the event's date rests on came from, so a reader can weigh it.
            source = outcome.article.published_source if outcome.article else None
            for event in outcome.events:
                record = {**event.to_dict(), "published_source": source}
                click.echo(json.dumps(record, ensure_ascii=False))
        else:
            console.print(_table(outcome, list(outcome.events)))
    if failed:
        ctx.exit(1)


def _codes(actors: tuple[object, ...]) -> str:
    return ", ".join(str(getattr(a, "code", "")) for a in actors)


def _table(outcome: Outcome, events: list[Event]) -> Table:
    from rich.table import Table

    title = outcome.article.id if outcome.article else outcome.source
    table = Table(title=f"{title}: {len(events)} events", show_lines=False)
    for col in ("type", "status", "actor", "recipient", "date", "place", "evidence"):
        table.add_column(col, overflow="fold")
    for e in events:
        place = e.location.place or e.location.country if e.location else ""
        table.add_row(e.event_type, e.status, _codes(e.actor), _codes(e.recipient),
                      e.date.isoformat() if e.date else "", place or "",
                      e.evidence.text[:160])
    return table


commands = [extract_cmd]
