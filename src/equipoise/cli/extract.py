"""``equipoise extract``: code articles without storing them."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from equipoise.cli._context import settings_of
from equipoise.cli._options import DATE

if TYPE_CHECKING:
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
    """Code FILES (.txt, .html, .json, .jsonl, feeds, WARC, URLs) and print their events.

    Nothing is stored; `ingest` takes the same inputs into the store.
    """
    from equipoise.pipeline import extract

    failed = 0
    for outcome in extract(files, settings=settings_of(ctx), published=published):
        if outcome.status != "coded":
            failed += outcome.status == "failed"
            reason = (outcome.reason or "").removeprefix(f"{outcome.source}: ")
            why = reason if outcome.status == "skipped" else f"{outcome.stage}: {reason}"
            click.echo(f"{outcome.status}: {outcome.source}: {why}", err=True)
            continue
        if fmt == "jsonl":
            # Where the date the event's date rests on came from, so a reader can weigh it.
            source = outcome.article.published_source if outcome.article else None
            for event in outcome.events:
                record = {**event.to_dict(), "published_source": source}
                click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(_table(outcome, list(outcome.events)))
    if failed:
        ctx.exit(1)


def _table(outcome: Outcome, events: list[Event]) -> str:
    """The events of one input as ``events`` prints them: facts, then the evidence below.

    An 80-column terminal has no room for the evidence as a table column.
    """
    from equipoise.cli._tables import narrow_text

    title = outcome.article.id if outcome.article else outcome.source
    noun = "event" if len(events) == 1 else "events"
    return narrow_text([e.to_dict() for e in events], f"{title}: {len(events)} {noun}")


commands = [extract_cmd]
