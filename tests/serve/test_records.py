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
from equipoise.store import EventPlace


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
    api = client.get("/api/balance/KOR", params={"between": "CHN,JPN"}).json()
    cli_rows = _cli_json(["balance", "KOR", "--between", "CHN", "JPN",
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
    """Each response that carries a library record is derived from it, one way for all."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for record, name in ((BalancePeriod, "BalancePeriodOut"), (Meeting, "MeetingOut"),
                         (Sequence, "SequenceOut"), (EventPlace, "EventPlaceOut")):
        assert set(schemas[name]["properties"]) == {f.name for f in dataclasses.fields(record)}
    for holder, field, name in (("MapOut", "points", "EventPlaceOut"),
                                ("BalanceOut", "periods", "BalancePeriodOut"),
                                ("SequenceList", "items", "SequenceOut")):
        ref = schemas[holder]["properties"][field]["items"]["$ref"]
        assert ref == f"#/components/schemas/{name}"


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
    # the summary's dyads: the dyad series' definition (occurred, dated events, by pair,
    # with the directions and joint events counted apart)
    dated = rows[rows["date"].notna()]
    by_pair: dict[tuple[str, str], dict[str, set[str]]] = {}
    for src, dst, joint, event in zip(dated["src"], dated["dst"], dated["joint"],
                                      dated["event_id"], strict=True):
        a, b = min(src, dst), max(src, dst)
        kinds = by_pair.setdefault((a, b), {"all": set(), "fwd": set(), "back": set(),
                                            "joint": set()})
        kinds["all"].add(event)
        kinds["joint" if joint else "fwd" if src == a else "back"].add(event)
    top = client.get("/api/summary", params={"top": 3}).json()["top_dyads"]
    assert top
    for d in top:
        kinds = by_pair[(d["source"], d["target"])]
        assert (d["events"], d["forward"], d["backward"], d["joint"]) == (
            len(kinds["all"]), len(kinds["fwd"]), len(kinds["back"]), len(kinds["joint"]))
