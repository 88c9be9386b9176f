"""The ``equipoise`` command line: thin commands over the library.

Each command module parses options, calls one library function and formats its
result. Errors from the library (``EquipoiseError``) become one line on stderr and
the error's exit code.

Start-up stays light: a command's module (and with it spaCy, DuckDB, pandas or
FastAPI) is imported only when that command runs or shows its help. The listing of
``equipoise --help`` comes from ``COMMANDS``, which a test keeps equal to the
commands' own help.
"""

from __future__ import annotations

import importlib

import click

from equipoise.cli._context import EquipoiseGroup, settings_of
from equipoise.config import load_settings

__all__ = ["COMMANDS", "cli", "main", "settings_of"]

# name -> (module exposing ``commands``, first line of the command's help)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("equipoise.cli.extract",
                "Code FILES (.txt, .html, .json, .jsonl, feeds, WARC, URLs) and print their "
                "events."),
    "ingest": ("equipoise.cli.ingest",
               "Ingest PATHS: files, folders, URLs, .urls lists and WARC web archives."),
    "events": ("equipoise.cli.query", "Query stored events."),
    "export": ("equipoise.cli.query",
               "Export events as PLOVER JSONL, POLECAT/CAMEO-style TSV, CSV or Parquet."),
    "article": ("equipoise.cli.query",
                "Show an article's cleaned text with each event's evidence marked."),
    "report": ("equipoise.cli.query",
               "What the store holds, and a reading of FOCAL's balance between two powers."),
    "dyad": ("equipoise.cli.analyse",
             "Events between A and B per period, by direction, quad and PLOVER type."),
    "balance": ("equipoise.cli.analyse",
                "Balance index of each FOCAL country between two powers (+1: all toward "
                "the first)."),
    "sequences": ("equipoise.cli.analyse",
                  "FOCAL's leader meetings with two different powers within N days."),
    "profile": ("equipoise.cli.analyse",
                "PLOVER contexts and the weightiest events between A and B."),
    "articles": ("equipoise.cli.articles",
                 "Stored articles, newest first, or those whose text matches QUERY, best "
                 "first."),
    "actors": ("equipoise.cli.actors",
               "States, organisations and people whose code or a name contains QUERY."),
    "serve": ("equipoise.cli.serve",
              "Serve the API (/api, docs at /docs) and the dashboard (/) until Ctrl-C."),
    "evaluate": ("equipoise.cli.evaluate",
                 "Score the coder on ARTICLES (one JSON article per gold file) against GOLD."),
    "load": ("equipoise.cli.scale",
             "Load a Parquet FOLDER written by `ingest --engine dask` into the store "
             "(idempotent)."),
    "merge": ("equipoise.cli.scale",
              "Rebuild the event clusters: one per event reported by one or more articles."),
    "watch": ("equipoise.cli.watch",
              "Follow FEEDS (RSS/Atom URLs, or .urls files listing them) and ingest what is "
              "new."),
    "feeds": ("equipoise.cli.watch",
              "The feeds followed in the store and their health: last poll, failures, items."),
}


class LazyGroup(EquipoiseGroup):
    """Imports a command's module when the command is asked for, not before."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        found = [c for c in module.commands if c.name == cmd_name]
        if not found:
            raise RuntimeError(f"{entry[0]} has no command {cmd_name!r}")
        command: click.Command = found[0]
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Each summary whole, wrapped: click's default cuts them at the terminal width
        # ("Code FILES (.txt, .html, .json, .jsonl, feeds, WARC, URLs)..."), which leaves
        # a new user guessing what half the commands do.
        rows = [(name, text) for name, (_, text) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Settings file (TOML); defaults to $EQUIPOISE_CONFIG.")
@click.version_option(package_name="equipoise")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """equipoise: an auditable record of diplomacy from news."""
    ctx.obj = load_settings(config_path)


def main() -> None:
    cli(prog_name="equipoise")


if __name__ == "__main__":  # pragma: no cover
    main()
