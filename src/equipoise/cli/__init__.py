"""The ``equipoise`` command line: thin commands over the library.

Each command module parses options, calls one library function and formats its
result. Errors from the library (``EquipoiseError``) become one line on stderr and
the error's exit code.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from equipoise.config import Settings, load_settings
from equipoise.errors import EquipoiseError

# Command modules, each exposing ``commands``: a list of click commands.
COMMAND_MODULES: tuple[str, ...] = (
    "equipoise.cli.extract",
    "equipoise.cli.ingest",
    "equipoise.cli.query",
    "equipoise.cli.analyse",
    "equipoise.cli.actors",
    "equipoise.cli.serve",
    "equipoise.cli.evaluate",
    "equipoise.cli.scale",
)


class EquipoiseGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EquipoiseError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=EquipoiseGroup)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Settings file (TOML); defaults to $EQUIPOISE_CONFIG.")
@click.version_option(package_name="equipoise")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """equipoise: an auditable record of diplomacy from news."""
    ctx.obj = load_settings(config_path)


def settings_of(ctx: click.Context) -> Settings:
    """The settings loaded by the group (for use in command modules)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def _register() -> None:
    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).commands:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="equipoise")


if __name__ == "__main__":  # pragma: no cover
    main()
