"""Rich output without the spaces rich pads lines with.

Rich fills every line of a table or of wrapped text to the console's width; piped into
a file or a diff, each line then ends in spaces. Rendering into a buffer and trimming
each line's end keeps colour on a terminal (a style's closing code stays) and nothing
else changes.
"""

from __future__ import annotations

import io
import re
import sys

import click
from rich.console import Console, RenderableType

from equipoise.cli._tables import terminal_width

# spaces at a line's end, before any closing style codes
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def trim(text: str) -> str:
    """``text`` with no line ending in spaces."""
    return _TRAILING.sub(r"\1", text)


def render(*items: RenderableType, width: int | None = None, color: bool = True) -> str:
    """What ``Console.print`` would show for ``items``, each line trimmed."""
    buffer = io.StringIO()
    tty = color and sys.stdout.isatty()
    console = Console(file=buffer, width=width or terminal_width(), highlight=False,
                      force_terminal=tty, color_system="auto" if tty else None)
    for item in items:
        console.print(item)
    return trim(buffer.getvalue())


def echo(*items: RenderableType, width: int | None = None, color: bool = True) -> None:
    """Print rich ``items`` on stdout, each line trimmed."""
    click.echo(render(*items, width=width, color=color), nl=False)
