"""The type policy of ``coding/kinds.py`` is data (``data/lexicon/kinds.toml``), checked
when it is read."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from equipoise.coding.lexicon import kind_policy, load_kind_policy
from equipoise.errors import DataFileError


def _shipped() -> dict[str, Any]:
    path = resources.files("equipoise.data") / "lexicon" / "kinds.toml"
    return tomllib.loads(path.read_text("utf-8"))


def test_shipped_policy_reads() -> None:
    policy = load_kind_policy()
    assert "stop" in policy.halts
    assert "RETREAT" in policy.future_as_concede
    assert "AGREE" not in policy.future_as_agree  # an agreement is never retyped
    assert "people" in policy.persons  # "29 people were arrested, police said"


def test_unknown_type_is_named() -> None:
    data = _shipped()
    data["halts"]["haltable"] = ["ASSAULT", "BOMBING"]
    with pytest.raises(DataFileError, match="BOMBING"):
        kind_policy(data)


@pytest.mark.parametrize(("table", "key"), [("phone", "words"), ("types", "hostile"),
                                            ("passive", "persons")])
def test_missing_or_empty_list_is_refused(table: str, key: str) -> None:
    data = _shipped()
    data[table][key] = []
    with pytest.raises(DataFileError, match=f"\\[{table}\\] {key}"):
        kind_policy(data)
    del data[table][key]
    with pytest.raises(DataFileError, match=f"\\[{table}\\] {key}"):
        kind_policy(data)
