"""The API answers with the library's records: same fields and values as the CLI's JSON."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import httpx
from click.testing import CliRunner

from equipoise.analyse.balance import BalancePeriod
from equipoise.analyse.sequences import Meeting, Sequence
from equipoise.cli import cli
from equipoise.models import Actor, Event, Evidence
from equipoise.serve.models import EventOut


def _cli_json(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_balance_cli_and_api_give_the_same_periods(client: httpx.Client, corpus_db: Path
                                                   ) -> None:
    api = client.get("/api/balance/KOR", params={"between": "CHN,JPN", "n_boot": 50}).json()
    cli_rows = _cli_json(["balance", "KOR", "--between", "CHN", "JPN", "--n-boot", "50",
                          "--format", "json", "--db", str(corpus_db)])
    assert api["periods"] and _close(api["periods"], cli_rows)
    assert set(api["periods"][0]) == {f.name for f in dataclasses.fields(BalancePeriod)}


def test_sequences_cli_and_api_give_the_same_items(client: httpx.Client, corpus_db: Path
                                                   ) -> None:
    api = client.get("/api/sequences/KOR", params={"within": 30}).json()
    cli_items = _cli_json(["sequences", "KOR", "--within", "30", "--format", "json",
                           "--db", str(corpus_db)])
    assert api["items"] and api["items"] == cli_items


def test_openapi_schema_names_every_field_of_the_records(client: httpx.Client) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for record, name in ((BalancePeriod, "BalancePeriodOut"), (Meeting, "MeetingOut"),
                         (Sequence, "SequenceOut")):
        assert set(schemas[name]["properties"]) == {f.name for f in dataclasses.fields(record)}


def test_event_model_covers_the_output_contract() -> None:
    text = "Japan and China held talks."
    event = Event(id="e", article_id="a", event_type="CONSULT", status="occurred",
                  actor=(Actor("Japan", None, "JPN"),), recipient=(Actor("China", None, "CHN"),),
                  evidence=Evidence(text, 0, len(text)))
    record = event.to_dict()
    assert set(EventOut.model_fields) == set(record)
    assert EventOut.model_validate(record).model_dump(mode="json") == json.loads(
        json.dumps(record))


def test_network_and_summary_count_the_analyses_pairs(client: httpx.Client, corpus_db: Path
                                                       ) -> None:
    from equipoise.store import Store

    rows = Store(corpus_db).pairs(statuses=("occurred",))
    expected: dict[tuple[str, str], set[str]] = {}
    for src, dst, mention in zip(rows["src"], rows["dst"], rows["mention_id"], strict=True):
        expected.setdefault((min(src, dst), max(src, dst)), set()).add(mention)
    edges = client.get("/api/network", params={"edges": 500}).json()["edges"]
    assert edges and {(e["source"], e["target"]): e["events"] for e in edges} == {
        k: len(v) for k, v in expected.items()}
    everything = Store(corpus_db).pairs(statuses=("occurred", "future", "hypothetical",
                                                  "negated", "historical"))
    directed: dict[tuple[str, str], set[str]] = {}
    for src, dst, mention in zip(everything["src"], everything["dst"], everything["mention_id"],
                                 strict=True):
        directed.setdefault((src, dst), set()).add(mention)
    top = client.get("/api/summary", params={"top": 3}).json()["top_dyads"]
    assert top and all(len(directed[(d["source"], d["target"])]) == d["events"] for d in top)
