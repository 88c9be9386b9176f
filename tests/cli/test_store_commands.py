"""``ingest``, ``events``, ``article``, ``export`` and ``report`` against a real DuckDB file."""

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from equipoise.cli import cli

from ..conftest import SAMPLE


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("016-lee-xi-beijing-state-visit.json", "017-lee-takaichi-nara-summit.json"):
        shutil.copy(SAMPLE / name, corpus / name)
    db = str(tmp_path / "s.duckdb")
    code, out, _ = invoke("ingest", str(corpus), "--db", db, "--quiet")
    assert code == 0 and "read 2, new 2" in out
    first = invoke("events", "--db", db, "--format", "jsonl")[1]
    code, out, _ = invoke("ingest", str(corpus), "--db", db, "--quiet")
    assert code == 0 and "0 events" in out
    assert "new 0, already stored 2, duplicates skipped 0" in out
    assert invoke("events", "--db", db, "--format", "jsonl")[1] == first


def test_failed_input_is_recorded_with_its_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(SAMPLE / "017-lee-takaichi-nara-summit.json", corpus)
    db = str(tmp_path / "s.duckdb")
    code, out, err = invoke("ingest", str(corpus), "--db", db, "--quiet")
    assert code == 1 and "failed 1" in out and "empty.txt" in err
    from equipoise.store.db import Store
    from equipoise.store.query import failures

    [failed] = failures(Store(db))
    assert failed.status == "failed" and failed.error and "empty" in failed.error


def test_events_filters_and_formats(sample_store: Path, tmp_path: Path) -> None:
    db = str(sample_store)
    code, out, _ = invoke("events", "--db", db, "--actor", "KOR", "--recipient", "JPN",
                          "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    for r in rows:
        assert "KOR" in {a["country"] for a in r["actor"]}
        assert "JPN" in {a["country"] for a in r["recipient"]}
    code, out, _ = invoke("events", "--db", db, "--type", "CONSULT", "--since", "2026-01-01",
                          "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and table
    assert all(r["event_type"] == "CONSULT" and r["date"] >= "2026-01-01" for r in table)
    target = tmp_path / "ev.parquet"
    code, _, err = invoke("events", "--db", db, "--format", "parquet", "--output", str(target))
    assert code == 0 and target.stat().st_size > 0 and "events ->" in err
    code, out, _ = invoke("events", "--db", db, "--actor", "KOR", "--format", "table")
    assert code == 0 and "stories" in out  # one row per real-world event by default
    code, out, _ = invoke("events", "--db", db, "--actor", "KOR", "--rows", "report")
    assert code == 0 and "events" in out
    code, out, _ = invoke("events", "--db", db, "--sector", "GOV", "--scope", "international",
                          "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all(any(a["sector"] == "GOV" for a in r["actor"] + r["recipient"]) for r in rows)


def test_article_marks_evidence(sample_store: Path) -> None:
    db = str(sample_store)
    rows = [json.loads(line) for line in invoke("events", "--db", db, "--format", "jsonl",
                                                "--limit", "1")[1].splitlines()]
    code, out, _ = invoke("article", rows[0]["article_id"], "--db", db, "--plain")
    assert code == 0
    assert f"[[{rows[0]['evidence']['text']}]]" in out.replace("\n", " ").replace("  ", " ") or \
        "[[" in out
    code, _, err = invoke("article", "no-such-article", "--db", db)
    assert code != 0 and "no article" in err


def test_export_formats(sample_store: Path, tmp_path: Path) -> None:
    for fmt in ("plover-jsonl", "polecat-tsv", "cameo-tsv", "csv"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = invoke("export", "--db", str(sample_store), "--format", fmt,
                              "--output", str(target))
        assert code == 0 and "events exported" in err
        assert target.read_text(encoding="utf-8").strip()


def test_report_reads_the_balance(sample_store: Path) -> None:
    code, out, _ = invoke("report", "--db", str(sample_store), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["articles"] == 53 and data["events"] > 50
    january = next(p for p in data["balance"] if p["period"] == "2026-01")
    # a few stories each way: an index, but no verdict from that little evidence
    assert january["verdict"] == "too little evidence" and january["index"] is not None
    gaps = [p for p in data["balance"] if p["events"] == 0]
    assert gaps and all(p["index"] is None for p in gaps)
    assert "KOR" in data["reading"] and "2026-01" in data["reading"]
    code, out, _ = invoke("report", "--db", str(sample_store))
    assert code == 0 and "Next:" in out and "Top dyads" in out


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = invoke("events", "--db", str(tmp_path / "none.duckdb"))
    assert code != 0 and "ingest" in (err + out) and "Traceback" not in (err + out)


def test_an_unknown_sector_is_an_error_that_lists_the_sectors(sample_store: Path) -> None:
    db = str(sample_store)
    code, _, err = invoke("events", "--sector", "XYZ", "--db", db)
    assert code == 2 and "unknown sector 'XYZ'" in err and "MIL (military)" in err
    code, _, err = invoke("export", "--sector", "army", "--db", db)
    assert code == 2 and "unknown sector 'army'" in err
    lower = invoke("events", "--sector", "mil", "--format", "jsonl", "--db", db)
    upper = invoke("events", "--sector", "MIL", "--format", "jsonl", "--db", db)
    assert lower == upper and upper[0] == 0 and upper[1]


def test_report_takes_names_refuses_unknown_codes_and_prints_whole_commands(
        sample_store: Path) -> None:
    db = str(sample_store)
    code, by_code, _ = invoke("report", "--db", db)
    assert code == 0
    assert invoke("report", "--focal", "South Korea", "--between", "China", "Japan",
                  "--db", db)[1] == by_code
    next_line = next(line for line in by_code.splitlines() if line.startswith("Next:"))
    assert next_line.endswith("--plot balance.png")  # one line to copy, never wrapped
    prose = " ".join(by_code.split())
    assert "balanced with confidence in no month" not in prose and "8 days apart" in prose
    usa = invoke("report", "--focal", "USA", "--between", "KOR", "JPN", "--db", db)[1]
    assert "1 day apart" in " ".join(usa.split())
    code, _, err = invoke("report", "--focal", "XYZ", "--db", db)
    assert code == 2 and "unknown actor 'XYZ'; did you mean" in err


def test_a_failed_article_shows_why(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "broken.json").write_text('{"id": "b", "text": "Lee met', encoding="utf-8")
    shutil.copy(SAMPLE / "017-lee-takaichi-nara-summit.json", corpus)
    db = str(tmp_path / "s.duckdb")
    assert invoke("ingest", str(corpus), "--db", db, "--quiet")[0] == 1
    from equipoise.store import Store

    [failed] = Store(db).failures()
    code, out, _ = invoke("article", failed.id, "--db", db)
    assert code == 0 and "failed: ingest: not valid JSON" in out
    code, out, _ = invoke("article", "017", "--db", db, "--plain")
    joint = [line for line in out.splitlines() if line.startswith("- ") and "->" not in line]
    assert joint and all(line.count("/") >= 2 for line in joint)  # two parties, no arrow


def test_limit_below_one_is_a_usage_error(sample_store: Path) -> None:
    code, _, err = invoke("events", "--limit", "0", "--db", str(sample_store))
    assert code == 2 and "0 is not in the range 1<=x<=100000" in err


def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    """DuckDB opens a .json file as an empty database in memory: an ingest into it
    reported success and stored nothing."""
    notes = tmp_path / "notes.json"
    notes.write_text('{"foo": 1}\n', encoding="utf-8")
    article = str(SAMPLE / "017-lee-takaichi-nara-summit.json")
    code, out, err = invoke("ingest", article, "--db", str(notes), "--quiet")
    assert code != 0 and "new 1" not in out
    assert "notes.json is not a DuckDB file" in err
    assert notes.read_text(encoding="utf-8") == '{"foo": 1}\n'
    code, _, err = invoke("events", "--db", str(notes))
    assert code != 0 and "is not a DuckDB file" in err


def test_a_store_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    article = str(SAMPLE / "017-lee-takaichi-nara-summit.json")
    db = tmp_path / "nowhere" / "s.duckdb"
    code, _, err = invoke("ingest", article, "--db", str(db), "--quiet")
    assert code != 0
    assert f"there is no folder {db.parent}; create it or give another --db path" in err


def test_export_to_a_file_from_a_missing_store_leaves_the_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("kept\n", encoding="utf-8")
    code, _, err = invoke("export", "--format", "csv", "--db", str(tmp_path / "none.duckdb"),
                          "--output", str(out))
    assert code != 0 and "no store at" in err
    assert out.read_text(encoding="utf-8") == "kept\n"


def test_inputs_that_are_not_articles_say_why_and_what_to_do(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    (corpus / "blank.html").write_text("<html><body><script>x()</script></body></html>",
                                       encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    code, out, err = invoke("ingest", str(corpus), "--db", db)
    assert code == 1 and "failed 2" in out
    assert "a JSON article needs a 'text' or 'html' field with content (fields found: theme)" \
        in err
    assert "blank.html: no article text left" in err
    assert "run the same command again" in err
    assert "" not in err.splitlines()  # no blank line left by a progress bar nobody sees
    code, _, err = invoke("extract", str(corpus / "blank.html"))
    assert code == 1
    assert err.count("blank.html") == 1  # the source named once, not twice


def test_a_chart_that_cannot_be_written_is_an_error_not_a_traceback(
        sample_store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "charts"
    blocker.write_text("a file where a folder is asked for", encoding="utf-8")
    code, out, err = invoke("balance", "KOR", "--between", "CHN", "JPN", "--db",
                            str(sample_store), "--plot", str(blocker / "b.png"))
    assert code != 0 and "Traceback" not in err + out
    assert f"cannot write chart {blocker / 'b.png'}" in err


def test_merge_and_evaluate_on_nothing_say_so(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    code, _, err = invoke("merge", "--db", str(missing))
    assert code != 0 and "no store at" in err
    assert not missing.exists()  # not created empty by a merge of nothing
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = invoke("evaluate", str(empty), str(empty))
    assert code != 0 and f"no article to score: {empty} holds no NAME.json" in err
