"""What command modules share with the group: the loaded settings, the error mapping.

Kept apart from ``equipoise.cli`` so that command modules never import the package
that loads them.
"""

from __future__ import annotations

from typing import Any

import click

from equipoise.config import Settings
from equipoise.errors import EquipoiseError


class EquipoiseGroup(click.Group):
    """A group that turns a library error into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EquipoiseError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


def settings_of(ctx: click.Context) -> Settings:
    """The settings loaded by the group (for use in command modules)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj
