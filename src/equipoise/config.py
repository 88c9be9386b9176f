"""Settings: shipped defaults, then a user TOML file, then environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from equipoise.errors import ConfigError

ENV_PREFIX = "EQUIPOISE_"


@dataclass(frozen=True, slots=True)
class Settings:
    db: str
    spacy_model: str
    batch_size: int
    workers: int
    actor_files: tuple[str, ...]
    place_files: tuple[str, ...]
    near_duplicate_threshold: float
    languages: tuple[str, ...]
    max_article_chars: int
    learned_triggers: bool
    fetch_user_agent: str
    fetch_contact: str
    fetch_timeout: float
    fetch_retries: int
    fetch_backoff: float
    fetch_max_redirects: int
    fetch_max_bytes: int
    fetch_max_seconds: float
    fetch_host_delay: float
    feed_max_backoff: float

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None values replaced (CLI flags)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **_coerce_all(clean))


def _field_types() -> dict[str, str]:
    return {f.name: str(f.type) for f in fields(Settings)}


def _coerce(key: str, value: Any) -> Any:
    kind = _field_types()[key]
    try:
        if kind == "bool":
            return _boolean(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind.startswith("tuple"):
            if isinstance(value, str):
                value = [v for v in value.split(",") if v]
            return tuple(str(v) for v in value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {key!r}: cannot use {value!r} ({exc})") from exc


def _boolean(value: Any) -> bool:
    """TOML gives a bool; the environment gives text ("true", "0", ...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise ValueError("expected true or false")


def _coerce_all(values: dict[str, Any]) -> dict[str, Any]:
    known = _field_types()
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return {k: _coerce(k, v) for k, v in values.items()}


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from exc


def _defaults() -> dict[str, Any]:
    text = resources.files("equipoise.data").joinpath("defaults.toml").read_text("utf-8")
    return _read_toml(text, "shipped defaults.toml")


# Variables of ours that are not settings: the settings file and the API's write token.
_OTHER_VARIABLES = frozenset({"CONFIG", "WRITE_TOKEN"})


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    """Settings from ``EQUIPOISE_<KEY>``; a misspelt one is an error, as in the file.

    ``EQUIPOISE_FETCH_CONTATC`` silently ignored would crawl with no contact address.
    """
    known = _field_types()
    unknown = sorted(name for name in environ if name.startswith(ENV_PREFIX)
                     and name[len(ENV_PREFIX):].lower() not in known
                     and name[len(ENV_PREFIX):] not in _OTHER_VARIABLES)
    if unknown:
        raise ConfigError(f"unknown setting(s) in the environment: {', '.join(unknown)}; "
                          f"known: {', '.join(ENV_PREFIX + k.upper() for k in known)}")
    return {key: environ[ENV_PREFIX + key.upper()] for key in known
            if ENV_PREFIX + key.upper() in environ}


def load_settings(
    path: str | Path | None = None, *, environ: dict[str, str] | None = None
) -> Settings:
    """Defaults, overlaid by ``path`` (or ``$EQUIPOISE_CONFIG``), then by the environment."""
    env = dict(os.environ if environ is None else environ)
    values = _defaults()
    path = path or env.get(ENV_PREFIX + "CONFIG")
    if path:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"settings file {p} does not exist")
        values.update(_read_toml(p.read_text("utf-8"), str(p)))
    values.update(_from_env(env))
    return Settings(**_coerce_all(values))
