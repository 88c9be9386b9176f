"""``equipoise extract`` through click's runner: the output contract and every input format."""

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.models import EVENT_TYPES, STATUSES

from ..conftest import SAMPLE, SHARED_EVAL

CONTRACT = {"id", "article_id", "event_type", "mode", "contexts", "status", "actor", "recipient",
            "date", "date_precision", "location", "evidence", "confidence", "quad", "intensity"}
ACTOR = {"text", "name", "country", "org", "sector", "title"}


def run_extract(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(cli, ["extract", *args, "--format", "jsonl"])
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, events, result.stderr


def check_contract(event: dict[str, Any], text: str) -> None:
    assert set(event) >= CONTRACT
    assert event["event_type"] in EVENT_TYPES and event["status"] in STATUSES
    for actor in event["actor"] + event["recipient"]:
        assert set(actor) == ACTOR
        assert actor["country"] or actor["org"]
    ev = event["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert 0 <= event["confidence"] <= 1 and event["quad"] in (1, 2, 3, 4)


def cleaned_text(path: Path) -> str:
    from equipoise.ingest.clean import clean_document
    from equipoise.ingest.readers import iter_documents

    doc = next(iter(iter_documents([path])))
    return clean_document(doc).text  # type: ignore[arg-type]


@pytest.mark.skipif(not (SHARED_EVAL / "articles" / "seed.json").exists(),
                    reason="shared eval seed article not present")
def test_seed_article_gives_the_two_summits_and_the_pledge() -> None:
    seed = SHARED_EVAL / "articles" / "seed.json"
    code, events, _ = run_extract(str(seed))
    assert code == 0
    text = cleaned_text(seed)
    for e in events:
        check_contract(e, text)
    assert {e["published_source"] for e in events} == {"input"}
    claims = {(e["event_type"], frozenset(a["country"] for a in e["actor"] + e["recipient"]))
              for e in events if e["status"] in ("occurred", "future")}
    assert claims == {("CONSULT", frozenset({"CHN", "KOR"})),
                      ("CONSULT", frozenset({"KOR", "JPN"})), ("AGREE", frozenset({"KOR", "JPN"}))}
    by_pair = {frozenset(a["country"] for a in e["actor"] + e["recipient"]): e for e in events
               if e["event_type"] == "CONSULT"}
    xi, nara = by_pair[frozenset({"CHN", "KOR"})], by_pair[frozenset({"KOR", "JPN"})]
    assert [a["country"] for a in xi["actor"]] == ["CHN"]  # the visitor acts
    assert xi["location"]["place"] == "Seoul" and xi["date"] == "2026-01-07"
    assert nara["location"]["place"] == "Nara" and nara["location"]["country"] == "JPN"
    assert nara["date"] == "2026-01-14"


@pytest.mark.parametrize("name", ["017-lee-takaichi-nara-summit.json"])
def test_json_article(name: str) -> None:
    code, events, _ = run_extract(str(SAMPLE / name))
    assert code == 0 and events
    text = cleaned_text(SAMPLE / name)
    for e in events:
        check_contract(e, text)
    assert any(e["event_type"] == "CONSULT" and e["location"]["country"] == "JPN" for e in events)


def test_every_sample_format_extracts(tmp_path: Path) -> None:
    html = sorted(SAMPLE.glob("*.html"))[0]
    txt = tmp_path / "lead.txt"
    txt.write_text("Japan and the Philippines sign defence pact\n\nJapanese Prime Minister "
                   "Fumio Kishida met Philippine President Ferdinand Marcos Jr. in Manila on "
                   "Friday.\n", encoding="utf-8")
    code, events, err = run_extract(str(html), str(SAMPLE / "batch-2025.jsonl"),
                                    str(SAMPLE / "feed.xml"), str(txt), "--published",
                                    "2023-11-04")
    assert code == 0, err
    ids = {e["article_id"] for e in events}
    assert len(ids) >= 8  # the page, the JSONL lines, the feed items and the text file
    assert any(e["event_type"] == "CONSULT" and {a["country"] for a in e["actor"] +
               e["recipient"]} == {"JPN", "PHL"} and e["date"] == "2023-11-03" for e in events)


def test_broken_input_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, events, err = run_extract(str(bad), str(SAMPLE / "017-lee-takaichi-nara-summit.json"))
    assert code == 1
    assert "bad.json" in err and "failed" in err
    assert events and all(e["article_id"] != "bad" for e in events)


def test_published_option_is_validated() -> None:
    result = CliRunner().invoke(cli, ["extract", "x.json", "--published", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
