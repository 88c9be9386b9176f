"""Every export format written, read back and compared; the CAMEO mapping table."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from equipoise.errors import DataFileError, InputError, StoreError
from equipoise.models import EVENT_TYPES
from equipoise.store import FORMATS, EventFilter, Store, export_events, read_events
from equipoise.store.cameo import load_cameo_mapping, parse_cameo_mapping

from .conftest import ALL_EVENTS, EV_CONDEMN, EV_MEET, EV_SUMMIT

SUFFIX = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl", "plover-jsonl": "jsonl"}


def _export(store: Store, fmt: str, tmp_path: Path, **flt: Any) -> list[dict[str, Any]]:
    out = tmp_path / f"events.{SUFFIX.get(fmt, 'tsv')}"
    n = export_events(store, EventFilter(order="id", **flt), fmt, out)
    rows = read_events(out, fmt)
    assert n == len({r.get("id") or r.get("event_id") or r.get("Event ID") for r in rows})
    return rows


def _by_id(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {r[key]: r for r in rows}


def test_jsonl_round_trips_the_contract(filled: Store, tmp_path: Path) -> None:
    rows = _export(filled, "jsonl", tmp_path)
    assert rows == [e.to_dict() for e in sorted(ALL_EVENTS, key=lambda e: e.id)]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_flat_formats_round_trip(filled: Store, tmp_path: Path, fmt: str) -> None:
    rows = _by_id(_export(filled, fmt, tmp_path), "id")
    assert len(rows) == 5
    assert rows[EV_MEET.id] == {
        "id": EV_MEET.id, "article_id": "a1", "date": date(2026, 1, 13), "precision": "day",
        "event_type": "CONSULT", "mode": "visit", "status": "occurred", "actors": ["KOR"],
        "recipients": ["JPN"], "place": "Nara", "location_country": "JPN", "lat": 34.685,
        "lon": 135.805, "quad": 1, "intensity": 1.0, "confidence": 0.86,
        "evidence": EV_MEET.evidence.text, "actor_sectors": ["GOV"],
        "recipient_sectors": ["GOV"],
    }  # fmt: skip
    summit = rows[EV_SUMMIT.id]
    assert summit["actors"] == ["JPN", "KOR", "CHN"] and summit["recipients"] == []
    assert summit["date"] is None and summit["place"] is None and summit["lat"] is None


def test_csv_and_parquet_agree(filled: Store, tmp_path: Path) -> None:
    csv_rows = _export(filled, "csv", tmp_path)
    assert csv_rows == _export(filled, "parquet", tmp_path)


def test_plover_jsonl_fields(filled: Store, tmp_path: Path) -> None:
    rows = _by_id(_export(filled, "plover-jsonl", tmp_path), "event_id")
    condemn = rows[EV_CONDEMN.id]
    assert condemn["event_type"] == "ACCUSE" and condemn["event_date"] == "2026-02-03"
    assert condemn["event_text"] == "The UN condemned the launch."
    assert condemn["story_date"] == "2026-02-03"
    assert condemn["actor"] == ["United Nations"] and condemn["actor_org"] == ["UN"]
    assert condemn["actor_country"] == [None] and condemn["recipient_country"] == ["PRK"]
    assert condemn["source"] == {
        "article_id": "b2",
        "outlet": "Test Wire",
        "url": "https://x.test/b2",
    }
    assert rows[EV_MEET.id]["location"] == "Nara" and rows[EV_MEET.id]["geonameid"] == 1855612
    assert rows[EV_MEET.id]["actor_code"] == ["KORGOV"]
    assert rows[EV_MEET.id]["actor_sector"] == ["GOV"]


def test_sectors_and_cameo_style_codes_round_trip(store: Store, tmp_path: Path) -> None:
    """A domestic event (police arrest protesters) keeps both sectors in every format."""
    from dataclasses import replace

    from equipoise.models import Actor
    from equipoise.store import ArticleRecord, write_batch

    from .conftest import ART_A

    police = Actor("Georgian police", "Georgian police", "GEO", None, "COP")
    crowd = Actor("protesters", "protesters", "GEO", None, "CVL")
    arrest = replace(EV_MEET, event_type="COERCE", mode="arrest", actor=(police,),
                     recipient=(crowd,))
    write_batch(store, [ArticleRecord(ART_A, "coded")], [arrest], run_id="r")
    [flat] = _export(store, "csv", tmp_path)
    assert (flat["actor_sectors"], flat["recipient_sectors"]) == (["COP"], ["CVL"])
    [polecat] = _export(store, "polecat-tsv", tmp_path)
    assert polecat["Actor Code"] == ["GEOCOP"] and polecat["Recipient Code"] == ["GEOCVL"]
    assert polecat["Actor Sector"] == ["COP"] and polecat["Primary Recipient Sector"] == "CVL"
    [cameo] = _export(store, "cameo-tsv", tmp_path)
    assert (cameo["source_code"], cameo["target_code"]) == ("GEOCOP", "GEOCVL")
    assert (cameo["source_sector"], cameo["target_sector"]) == ("COP", "CVL")
    [plover] = _export(store, "plover-jsonl", tmp_path)
    assert plover["actor_code"] == ["GEOCOP"] and plover["recipient_sector"] == ["CVL"]
    [back] = _export(store, "jsonl", tmp_path)
    assert back == arrest.to_dict()


def test_polecat_tsv_round_trips(filled: Store, tmp_path: Path) -> None:
    rows = _by_id(_export(filled, "polecat-tsv", tmp_path), "Event ID")
    meet = rows[EV_MEET.id]
    assert meet["Actor Name"] == ["Lee Jae-myung"] and meet["Actor Country"] == ["KOR"]
    assert meet["Actor Title"] == ["President"] and meet["Actor Name Raw"] == ["President Lee"]
    assert meet["Primary Recipient Sector"] == "GOV" and meet["Recipient Country"] == ["JPN"]
    assert meet["Publication Date"] == date(2026, 1, 14) and meet["Source"] == "Test Wire"
    assert meet["GeoNames ID"] == 1855612 and meet["Contexts"] == ["diplomatic"]
    assert rows[EV_SUMMIT.id]["Recipient Name"] == []


def test_cameo_tsv_one_row_per_dyad(filled: Store, tmp_path: Path) -> None:
    rows = _export(filled, "cameo-tsv", tmp_path)
    pairs = {(r["event_id"], r["source"], r["target"]): r for r in rows}
    summit = sorted((s, t) for (e, s, t) in pairs if e == EV_SUMMIT.id)
    assert summit == [("JPN", "CHN"), ("JPN", "KOR"), ("KOR", "CHN")]
    meet = pairs[(EV_MEET.id, "KOR", "JPN")]
    assert (meet["cameo_root"], meet["quad_class"], meet["goldstein"]) == ("04", 1, 1.0)
    assert meet["source_name"] == "Lee Jae-myung" and meet["target_name"] == "Sanae Takaichi"
    launch = [r for r in rows if r["plover_type"] == "MOBILIZE"]
    assert [(r["source"], r["target"], r["cameo_root"]) for r in launch] == [("PRK", None, "15")]
    assert len(rows) == 1 + 1 + 3 + 1 + 1


def test_export_respects_filter_and_streams_to_text(filled: Store) -> None:
    buffer = io.StringIO()
    n = export_events(filled, EventFilter(actor="kor"), "jsonl", buffer)
    assert n == 2 and len(buffer.getvalue().splitlines()) == 2


def test_quotes_tabs_and_newlines_survive_tsv(store: Store, tmp_path: Path) -> None:
    from dataclasses import replace

    from equipoise.models import Evidence
    from equipoise.store import ArticleRecord, write_batch

    from .conftest import ART_A

    odd = replace(EV_MEET, evidence=Evidence('He said "no"\tthen;\nleft', 0, 10))
    write_batch(store, [ArticleRecord(ART_A, "coded")], [odd], run_id="r")
    for fmt in ("csv", "polecat-tsv"):
        [row] = _export(store, fmt, tmp_path)
        assert row.get("evidence", row.get("Event Text")) == 'He said "no"\tthen;\nleft'


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_export_round_trips(filled: Store, tmp_path: Path, fmt: str) -> None:
    assert _export(filled, fmt, tmp_path, actor="NOBODY") == []


def test_bad_format_and_parquet_to_stream(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export_events(filled, EventFilter(), "xml", tmp_path / "x")
    with pytest.raises(InputError, match="needs a file path"):
        export_events(filled, EventFilter(), "parquet", io.StringIO())
    with pytest.raises(StoreError, match="cannot write export"):
        export_events(filled, EventFilter(), "csv", tmp_path / "no" / "dir.csv")


def test_reading_a_different_layout_is_refused(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    export_events(filled, EventFilter(), "cameo-tsv", out)
    with pytest.raises(InputError, match="not the polecat-tsv layout"):
        read_events(out, "polecat-tsv")


def test_shipped_cameo_mapping_covers_every_type() -> None:
    mapping = load_cameo_mapping()
    assert set(mapping.defaults) == set(EVENT_TYPES)
    assert mapping.code("ASSAULT").root == "18"
    assert mapping.code("ASSAULT", "firearms").root == "19"
    assert mapping.code("ASSAULT", "no-such-mode").root == "18"
    assert mapping.code("ACCUSE", "investigate").root == "09"
    for code in mapping.defaults.values():
        cooperative = int(code.root) <= 8
        assert (code.quad_class <= 2) == cooperative and (code.goldstein > 0) == cooperative


HEADER = "plover_type,plover_mode,cameo_root,cameo_label,quad_class,goldstein\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("AGREE,,3,x,1,4.0\n", "two-digit root"),
        ("HUG,,03,x,1,4.0\n", "not a PLOVER event type"),
        ("AGREE,,03,x,9,4.0\n", "quad_class must be 1-4"),
        ("AGREE,,03,x,1,high\n", "not a number"),
        ("AGREE,,03,x,1,4.0\nAGREE,,03,x,1,4.0\n", "given twice"),
        ("AGREE,,03,x,1,4.0\n", "no default CAMEO root for CONSULT"),
    ],
)
def test_cameo_mapping_schema_check(body: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_cameo_mapping(HEADER + body)
    with pytest.raises(DataFileError, match="header"):
        parse_cameo_mapping("type,root\nAGREE,03\n")
