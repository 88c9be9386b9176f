"""Map points, downloads and the basemap over HTTP, on the hand-made corpus."""

import csv
import io
import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.errors import DataFileError
from equipoise.serve.basemap import check_basemap, load_basemap

from .test_api import error_of


def test_map_points_follow_the_events_filters(client: httpx.Client) -> None:
    body = client.get("/api/map").json()
    places = {p["place"]: p for p in body["points"]}
    assert set(places) == {"Gyeongju", "Beijing", "Nara", "Tokyo"}
    assert places["Nara"]["lat"] == pytest.approx(34.685)
    assert body["events"] == 4 and body["unplaced"] == 9
    only_japan = client.get("/api/map", params={"recipient": "JPN"}).json()["points"]
    assert {p["place"] for p in only_japan} == {"Nara", "Tokyo"}
    error_of(client.get("/api/map", params={"actor": "ZZZ"}), 404)


def test_download_returns_the_filtered_rows(client: httpx.Client) -> None:
    params = {"actor": "KOR", "recipient": "CHN", "format": "csv"}
    response = client.get("/api/download", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = client.get("/api/events", params={"actor": "KOR", "recipient": "CHN"}).json()
    assert {r["id"] for r in rows} == {e["id"] for e in listed["items"]}
    assert all(r["actors"] == "KOR" and r["recipients"] == "CHN" for r in rows)
    as_json = client.get("/api/download", params={**params, "format": "json"}).json()
    assert sorted(r["id"] for r in as_json) == sorted(r["id"] for r in rows)
    error_of(client.get("/api/download", params={"format": "xml"}), 422)


def test_confidence_and_precision_filter_the_list(client: httpx.Client) -> None:
    total = client.get("/api/events").json()["total"]
    assert client.get("/api/events", params={"min_confidence": 0.5}).json()["total"] == total
    assert client.get("/api/events", params={"min_confidence": 0.9}).json()["total"] == 0
    dated = client.get("/api/events", params={"precision": "day"}).json()["total"]
    assert dated == total - 1  # the one undated (future) event
    error_of(client.get("/api/events", params={"precision": "decade"}), 422)


def test_basemap_is_served_and_checked(client: httpx.Client) -> None:
    body = client.get("/api/basemap").json()
    codes = {c["code"] for c in body["countries"]}
    assert {"KOR", "JPN", "CHN", "FRA", "NOR"} <= codes
    assert "Natural Earth" in body["source"]
    assert load_basemap()["countries"]
    with pytest.raises(DataFileError, match="lon, lat"):
        check_basemap({"version": 1, "countries": [
            {"code": "X", "name": "X", "rings": [[[0, 0], [1, 1], [200, 0], [0, 0]]]}]})


def test_articles_search_and_list(client: httpx.Client) -> None:
    found = client.get("/api/articles", params={"q": "Nara"}).json()
    assert found["total"] == 1 and found["items"][0]["id"] == "nara-takaichi"
    assert "[Nara]" in found["items"][0]["snippet"]
    listed = client.get("/api/articles", params={"since": "2026-02-01"}).json()
    assert {i["id"] for i in listed["items"]} == {"prk-launch", "tokyo-trade", "xss-post"}
    paged = client.get("/api/articles", params={"page_size": 2, "page": 2}).json()
    assert paged["total"] == 8 and len(paged["items"]) == 2
    error_of(client.get("/api/articles", params={"since": "2026-02-30"}), 422)


def test_stories_follow_the_events_filters(client: httpx.Client) -> None:
    body = client.get("/api/stories", params={"actor": "KOR", "recipient": "CHN"}).json()
    events = client.get("/api/events", params={"actor": "KOR", "recipient": "CHN"}).json()
    assert body["total"] >= 1
    reported = {m for s in body["items"] for m in s["mention_ids"]}
    assert {e["id"] for e in events["items"]} <= reported
    story = body["items"][0]
    assert len(story["mention_ids"]) == len(story["mention_articles"]) == story["mentions"]
    error_of(client.get("/api/stories", params={"actor": "ZZZ"}), 404)


def test_stories_map_and_downloads_take_the_sector_and_scope_filters(
        client: httpx.Client) -> None:
    """The dashboard sends sector and scope to every view; each must apply them."""
    every = client.get("/api/stories").json()["total"]
    governments = client.get("/api/stories", params={"sector": "GOV"}).json()
    assert 0 < governments["total"] < every  # PRK's launch has no government participant
    assert client.get("/api/stories", params={"sector": "gov"}).json() == governments
    assert client.get("/api/stories", params={"scope": "domestic"}).json()["total"] == 0
    assert client.get("/api/map", params={"scope": "domestic"}).json()["events"] == 0
    rows = client.get("/api/download", params={"format": "json", "sector": "GOV"}).json()
    events = client.get("/api/events", params={"sector": "GOV", "page_size": 500}).json()
    assert {r["id"] for r in rows} == {e["id"] for e in events["items"]}
    csv_text = client.get("/api/download", params={"scope": "domestic"}).text
    assert csv_text.strip().count("\n") == 0  # the header only


@pytest.mark.parametrize("route", ["/api/events", "/api/stories", "/api/map", "/api/download"])
def test_an_unknown_sector_is_an_error_listing_the_sectors(client: httpx.Client,
                                                          route: str) -> None:
    body = error_of(client.get(route, params={"sector": "XYZ"}), 404)
    assert "unknown sector 'XYZ'" in body["message"]
    assert "COP (police)" in body["message"]


@pytest.mark.parametrize("params", [
    {"actor": "KOR", "recipient": "CHN"},
    {"type": "AGREE"},
    {"sector": "GOV", "since": "2026-01-01"},
])  # fmt: skip
def test_download_csv_is_the_export_csv(client: httpx.Client, corpus_db: Path,
                                        params: dict[str, str]) -> None:
    """One CSV layout: what the dashboard downloads is what ``equipoise export`` writes."""
    options = [part for key, value in params.items()
               for part in (f"--{key}", value)]  # fmt: skip
    exported = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(corpus_db),
                                        *options])  # fmt: skip
    assert exported.exit_code == 0, exported.output
    downloaded = client.get("/api/download", params={**params, "format": "csv"})
    exported_rows = list(csv.reader(io.StringIO(exported.stdout)))
    downloaded_rows = list(csv.reader(io.StringIO(downloaded.text)))
    assert downloaded_rows[0] == exported_rows[0]
    assert {"precision", "actors", "actor_sectors"} <= set(downloaded_rows[0])
    assert len(downloaded_rows) > 1
    assert downloaded_rows == exported_rows
    assert downloaded.headers["x-total-rows"] == str(len(downloaded_rows) - 1)


@pytest.mark.parametrize("focal", [["CHN", "JPN"], ["CHN,JPN"]])
def test_balance_cli_takes_several_focal_countries_like_the_dashboard(
        client: httpx.Client, corpus_db: Path, focal: list[str]) -> None:
    """``equipoise balance CHN JPN`` (or ``CHN,JPN``) gives, per focal country, the rows
    the dashboard draws from ``/api/balance/{focal}`` for the same powers."""
    result = CliRunner().invoke(cli, ["balance", *focal, "--between", "KOR", "UN",
                                      "--format", "json", "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["focal"] for r in rows} == {"CHN", "JPN"}
    for code in ("CHN", "JPN"):
        api = client.get(f"/api/balance/{code}", params={"between": "KOR,UN"}).json()
        mine = [{k: v for k, v in r.items() if k != "focal"} for r in rows if r["focal"] == code]
        assert [p["period"] for p in mine] == [p["period"] for p in api["periods"]]
        for ours, theirs in zip(mine, api["periods"], strict=True):
            assert {k: ours[k] for k in theirs} == theirs
    table = CliRunner().invoke(cli, ["balance", *focal, "--between", "KOR", "UN",
                                     "--db", str(corpus_db)])
    assert table.exit_code == 0, table.output
    assert "CHN, JPN between KOR (+) and UN (-)" in table.stdout
    assert "focal" in table.stdout.splitlines()[2]
