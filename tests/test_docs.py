"""Docs that cannot drift: the CLI reference is regenerated and the README's commands exist."""

import re
import subprocess
import sys

from .conftest import ROOT


def test_cli_reference_is_up_to_date() -> None:
    fresh = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_cli_docs.py")],
                           capture_output=True, text=True, check=True).stdout
    assert (ROOT / "docs" / "cli.md").read_text("utf-8") == fresh, "run `make docs`"


def test_readme_commands_exist() -> None:
    from click.testing import CliRunner

    from equipoise.cli import cli

    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.index("make demo") < readme.index("make test")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", readme, re.S))
    names = sorted(set(re.findall(r"^equipoise (\w+)", blocks, re.M)))
    assert {"extract", "ingest", "events", "balance", "serve"} <= set(names)
    for name in names:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name


def _shown_commands() -> list[tuple[str, str]]:
    """(file, line) of every `equipoise ...` command in the README's and the docs' code
    blocks, comments and redirections cut off."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        if path.name == "cli.md":  # generated from the CLI itself
            continue
        for block in re.findall(r"```[a-z]*\n(.*?)```", path.read_text("utf-8"), re.S):
            for line in block.splitlines():
                line = re.split(r"\s#\s|\s[<>]\s", line.strip())[0]
                if line.startswith("equipoise "):
                    found.append((path.name, line))
    return found


def test_commands_shown_in_the_docs_use_options_their_command_has() -> None:
    """Each option written after a command is one of its options, and a value shown for
    an option with fixed choices is one of them (a README line once listed the export
    formats joined by '|', which the shell reads as a pipe)."""
    import shlex

    import click

    from equipoise.cli import cli

    shown = _shown_commands()
    assert len(shown) > 20
    for where, line in shown:
        words = [w.strip("[]") for w in shlex.split(line)]
        command = cli.get_command(click.Context(cli), words[1])  # type: ignore[attr-defined]
        assert command is not None, (where, line)
        options = {name: p for p in command.params for name in p.opts + p.secondary_opts}
        for i, word in enumerate(words):
            if not word.startswith("--"):
                continue
            name = word.split("=")[0]
            assert name in options or name == "--help", (where, line, name)
            param = options.get(name)
            if param is not None and isinstance(param.type, click.Choice):
                assert words[i + 1] in param.type.choices, (where, line, words[i + 1])
