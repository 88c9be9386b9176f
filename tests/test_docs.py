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
