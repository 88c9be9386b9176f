"""Shared fixtures for the reliability tests: the coder's resources, the hostile corpus,
and a way to run the real ``equipoise`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from equipoise.config import load_settings
from equipoise.pipeline import Resources

from .hostile import build_corpus

EQUIPOISE = Path(sys.executable).with_name("equipoise")


@pytest.fixture(scope="session")
def resources() -> Resources:
    """Loaded once per session: spaCy and the coder's data take seconds."""
    return Resources.load(load_settings(environ={}))


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess run: no user settings leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EQUIPOISE_")}
    env.update(extra)
    return env


def run_equipoise(args: Sequence[str], *, env: dict[str, str] | None = None,
                  timeout: float = 300, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``equipoise ARGS`` in a subprocess, text output captured."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(EQUIPOISE), *args], capture_output=True, text=True, timeout=timeout,
        env=env or cli_env(), check=False, **kwargs,
    )
