"""The lazy command registry: its listing agrees with the commands, and start-up is light."""

from __future__ import annotations

import subprocess
import sys

import click

from equipoise.cli import COMMANDS, cli


def test_listing_matches_each_commands_own_help() -> None:
    root = click.Context(cli, info_name="equipoise")
    for name, (_, text) in COMMANDS.items():
        command = cli.get_command(root, name)
        assert command is not None and command.name == name
        assert (command.help or "").split("\n\n")[0].replace("\n", " ").strip() == text


def test_every_command_module_is_listed() -> None:
    import pkgutil

    import equipoise.cli as package

    modules = {m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    listed = {module.rsplit(".", 1)[1] for module, _ in COMMANDS.values()}
    assert modules == listed
    for module, _ in COMMANDS.values():
        names = {c.name for c in __import__(module, fromlist=["commands"]).commands}
        assert names == {n for n, (m, _) in COMMANDS.items() if m == module}


def test_help_loads_no_heavy_library() -> None:
    # Which modules a command's --help imports, counted in a fresh interpreter: no
    # timing here (bench/bench_startup.py measures it), only what gets loaded.
    heavy = ("spacy", "duckdb", "pandas", "fastapi", "pyarrow", "distributed")
    for args in ([], ["ingest"], ["extract"], ["balance"], ["events"], ["serve"], ["load"]):
        code = ("import sys\nfrom equipoise.cli import cli\n"
                f"try:\n    cli({[*args, '--help']!r}, prog_name='equipoise')\n"
                "except SystemExit:\n    pass\n"
                f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, timeout=120).stdout.strip().splitlines()[-1]
        assert out == "[]", (args, out)


def test_the_listing_shows_each_summary_whole() -> None:
    from click.testing import CliRunner

    out = CliRunner().invoke(cli, ["--help"], terminal_width=80).output
    assert "..." not in out.split("Commands:")[1]
    flat = " ".join(out.split())
    for _, text in COMMANDS.values():
        assert " ".join(text.split()) in flat


def test_every_option_says_what_it_takes() -> None:
    """An option's help line, or its choices and default; --db a FILE, dates a DATE."""
    root = click.Context(cli, info_name="equipoise")
    for name in COMMANDS:
        command = cli.get_command(root, name)
        assert command is not None
        ctx = click.Context(command, info_name=name, parent=root)
        for option in (p for p in command.params if isinstance(p, click.Option)):
            shown = isinstance(option.type, click.Choice) or option.show_default
            assert option.help or shown, f"{name} {option.opts[0]} has no help"
            metavar = option.make_metavar(ctx)
            if option.opts[0] == "--db":
                assert metavar == "FILE", (name, metavar)
            if option.opts[0] in ("--since", "--until"):
                assert metavar == "DATE", (name, option.opts[0], metavar)
