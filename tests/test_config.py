from pathlib import Path

import pytest

from equipoise.config import load_settings
from equipoise.errors import ConfigError


def test_defaults_are_shipped() -> None:
    s = load_settings(environ={})
    assert s.db == "equipoise.duckdb"
    assert s.languages == ("en",)
    assert s.batch_size > 0


def test_user_file_then_environment_override(tmp_path: Path) -> None:
    cfg = tmp_path / "eq.toml"
    cfg.write_text('db = "from-file.duckdb"\nbatch_size = 8\n')
    s = load_settings(cfg, environ={"EQUIPOISE_BATCH_SIZE": "4"})
    assert s.db == "from-file.duckdb"
    assert s.batch_size == 4


def test_config_path_from_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "eq.toml"
    cfg.write_text('languages = ["en", "fr"]\n')
    s = load_settings(environ={"EQUIPOISE_CONFIG": str(cfg)})
    assert s.languages == ("en", "fr")


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    cfg = tmp_path / "eq.toml"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(cfg, environ={})


def test_a_misspelt_environment_variable_is_rejected() -> None:
    with pytest.raises(ConfigError, match="EQUIPOISE_FETCH_CONTATC") as caught:
        load_settings(environ={"EQUIPOISE_FETCH_CONTATC": "ops@example.org"})
    assert "EQUIPOISE_FETCH_CONTACT" in str(caught.value)  # the known ones are listed
    ours = load_settings(environ={"EQUIPOISE_WRITE_TOKEN": "t", "EQUIPOISE_CONFIG": "",
                                  "EQUIPOISE_FETCH_CONTACT": "ops@example.org"})
    assert ours.fetch_contact == "ops@example.org"


@pytest.mark.parametrize("text", ["batch_size = 'many'\n", "db = [\n"])
def test_bad_values_and_bad_toml_are_config_errors(tmp_path: Path, text: str) -> None:
    cfg = tmp_path / "eq.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError):
        load_settings(cfg, environ={})


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_cli_flags_override() -> None:
    s = load_settings(environ={}).with_overrides(db="x.duckdb", workers=None)
    assert s.db == "x.duckdb"
    assert s.workers == load_settings(environ={}).workers
