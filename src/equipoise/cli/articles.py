"""``articles``: list stored articles, filter by outlet and date, search their text."""

from __future__ import annotations

import json
from datetime import date

import click

from equipoise.cli._context import settings_of
from equipoise.cli._options import DATE


@click.command("articles")
@click.argument("query", required=False)
@click.option("--outlet", help="Only this outlet (exact name, as `articles` lists it).")
@click.option("--since", type=DATE, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", type=DATE, help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="At most this many articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: the `db` setting, ./equipoise.duckdb).")
@click.pass_context
def articles_cmd(ctx: click.Context, query: str | None, outlet: str | None,
                 since: date | None, until: date | None, limit: int, fmt: str,
                 db: str | None) -> None:
    """Stored articles, newest first, or those whose text matches QUERY, best first.

    QUERY is words that must all occur ("Nara summit"); end a word with * for a prefix
    ("sanction*"). The index lives next to the store (FILE.search.sqlite) and follows it.
    """
    from equipoise.cli._tables import heading, shorten
    from equipoise.store import ArticleQuery, Store, search_articles

    store = Store(db or settings_of(ctx).db)
    page = search_articles(store, ArticleQuery(text=query, outlet=outlet, since=since,
                                               until=until, limit=limit))
    if fmt == "json":
        click.echo(json.dumps({"total": page.total, "items": [
            {"id": h.id, "title": h.title, "outlet": h.outlet,
             "published": h.published and h.published.isoformat(), "events": h.events,
             "snippet": h.snippet} for h in page.hits]}, indent=2, ensure_ascii=False))
        return
    click.echo(heading(len(page.hits), page.total).replace("events", "articles"))
    for h in page.hits:
        click.echo(f"{h.id}  {h.published or 'undated'}  {shorten(h.outlet or '-', 20)}  "
                   f"{h.events} events")
        click.echo(f"    {shorten(h.title or '(no title)', 76)}")
        if h.snippet:
            click.echo(f"    {shorten(h.snippet, 76)}")


commands: list[click.Command] = [articles_cmd]
