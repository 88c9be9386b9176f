"""The read API over real HTTP: routes, filters, paging, validation and the error shape."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import ARTICLES, SPECS, TOKEN, XSS_TEXT


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert the one error shape and return its inner object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return dict(body["error"])


def test_health(client: httpx.Client) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["store"] == "ok"
    assert body["schema_version"] >= 1


def test_events_default_page_newest_first(client: httpx.Client) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == len(SPECS)
    assert (body["page"], body["page_size"]) == (1, 50)
    dates = [e["date"] for e in body["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    assert body["items"][-1]["date"] is None  # undated events sort last


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "KOR", "recipient": "JPN"}, 3),
        ({"actor": "UN"}, 2),
        ({"recipient": "CHN"}, 5),
        ({"type": "CONSULT"}, 4),
        ({"status": "future"}, 1),
        ({"since": "2026-01-01", "until": "2026-01-31"}, 3),
        ({"article_id": "dokdo"}, 2),
        ({"actor": "KOR", "type": "AGREE", "since": "2026-01-01"}, 1),
    ],
)
def test_event_filters(client: httpx.Client, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected
    assert len(body["items"]) == expected
    for item in body["items"]:
        if "type" in params:
            assert item["event_type"] == params["type"]
        if "since" in params:
            assert item["date"] >= params["since"]


def test_sector_and_scope_filters(client: httpx.Client) -> None:
    everything = client.get("/api/events", params={"scope": "international"}).json()
    assert everything["total"] == len(SPECS)  # the fixture holds no act inside a country
    assert client.get("/api/events", params={"scope": "domestic"}).json()["total"] == 0
    governments = client.get("/api/events", params={"sector": "GOV"}).json()
    assert all(any(a["sector"] == "GOV" for a in e["actor"] + e["recipient"])
               for e in governments["items"])
    assert client.get("/api/events", params={"sector": "police"}).status_code == 422
    assert client.get("/api/events", params={"scope": "local"}).status_code == 422


def test_pagination_walks_every_event_once(client: httpx.Client) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        body = client.get("/api/events", params={"page": page, "page_size": 5, "sort": "id"}).json()
        assert body["total"] == len(SPECS)
        seen += [e["id"] for e in body["items"]]
    assert len(seen) == len(set(seen)) == len(SPECS)
    assert seen == sorted(seen)
    empty = client.get("/api/events", params={"page": 4, "page_size": 5}).json()
    assert empty["items"] == [] and empty["total"] == len(SPECS)


def test_sort_ascending_and_descending(client: httpx.Client) -> None:
    up = client.get("/api/events", params={"sort": "confidence"}).status_code
    down = client.get("/api/events", params={"sort": "-date"}).json()["items"]
    assert up == 200
    assert down[0]["date"] == "2026-02-15"


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 501},
        {"page_size": 0},
        {"page": 0},
        {"sort": "evidence_text"},
        {"sort": "date; DROP TABLE events"},
        {"actor": "kor"},
        {"actor": "K"},
        {"actor": "KOR' OR 1=1 --"},
        {"type": "HUG"},
        {"status": "rumoured"},
        {"since": "13/01/2026"},
        {"since": "2026-02-30"},
        {"since": "2026-02-01", "until": "2026-01-01"},
    ],
)
def test_bad_event_parameters_are_422(client: httpx.Client, params: dict[str, Any]) -> None:
    err = error_of(client.get("/api/events", params=params), 422)
    assert err["code"] == "validation_error"
    assert any(name in err["message"] for name in params)


def test_page_size_cap_is_500(client: httpx.Client) -> None:
    assert client.get("/api/events", params={"page_size": 500}).json()["page_size"] == 500
    err = error_of(client.get("/api/events", params={"page_size": 10_000}), 422)
    assert "page_size" in err["message"] and "500" in err["message"]


def test_one_event(client: httpx.Client) -> None:
    first = client.get("/api/events", params={"article_id": "beijing-visit"}).json()["items"][0]
    body = client.get(f"/api/events/{first['id']}").json()
    assert body == first
    assert body["location"]["place"] == "Beijing"
    assert body["actor"][0]["country"] == "KOR"


def test_unknown_event_and_article_are_404(client: httpx.Client) -> None:
    assert error_of(client.get("/api/events/0123456789abcdef"), 404)["code"] == "not_found"
    assert "nowhere" in error_of(client.get("/api/articles/nowhere"), 404)["message"]


def test_bad_ids_are_422(client: httpx.Client) -> None:
    error_of(client.get("/api/events/%3Cscript%3E"), 422)
    error_of(client.get("/api/articles/" + "x" * 300), 422)


def test_article_text_metadata_and_evidence(client: httpx.Client) -> None:
    body = client.get("/api/articles/nara-takaichi").json()
    published, text = ARTICLES["nara-takaichi"]
    assert body["text"] == text
    assert body["published"] == published.isoformat()
    assert body["outlet"] == "Test Wire" and body["status"] == "coded"
    assert [e["event_type"] for e in body["events"]] == ["CONSULT", "COOPERATE"]
    for ev in body["events"]:
        span = ev["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]


def test_article_text_is_returned_verbatim(client: httpx.Client) -> None:
    assert client.get("/api/articles/xss-post").json()["text"] == XSS_TEXT


def test_actors_search(client: httpx.Client) -> None:
    items = client.get("/api/actors", params={"q": "KOR"}).json()["items"]
    assert items[0]["code"] == "KOR" and items[0]["events"] == 10
    by_name = client.get("/api/actors", params={"q": "united"}).json()["items"]
    assert [i["code"] for i in by_name] == ["UN"]
    error_of(client.get("/api/actors"), 422)
    error_of(client.get("/api/actors", params={"q": "x" * 101}), 422)


def test_summary(client: httpx.Client) -> None:
    body = client.get("/api/summary").json()
    assert body["articles"] == len(ARTICLES)
    assert body["events"] == len(SPECS)
    assert (body["first_date"], body["last_date"]) == ("2025-11-01", "2026-02-15")
    by_month = {(r["month"], r["event_type"]): r["events"] for r in body["by_month"]}
    assert by_month[("2026-01", "CONSULT")] == 2
    assert sum(by_month.values()) == len([s for s in SPECS if s.day])
    top = body["top_dyads"][0]
    assert (top["source"], top["target"], top["events"]) == ("JPN", "KOR", 5)
    # JPN -> KOR: the accusation; KOR -> JPN: rejection, Nara, Tokyo; joint: the pledge
    assert (top["forward"], top["backward"], top["joint"]) == (1, 3, 1)


def test_dyad_series(client: httpx.Client) -> None:
    body = client.get("/api/dyads/KOR/JPN", params={"by": "month"}).json()
    combined = {r["period"]: r for r in body["rows"] if r["direction"] == "combined"}
    assert list(combined) == ["2025-12", "2026-01", "2026-02"]
    assert combined["2025-12"]["types"] == {"ACCUSE": 1, "REJECT": 1}
    assert combined["2026-01"]["quads"] == [1, 1, 0, 0]
    joint = [r for r in body["rows"] if r["direction"] == "KOR+JPN" and r["events"]]
    assert [r["period"] for r in joint] == ["2026-01"]


def test_dyad_by_week_and_bad_period(client: httpx.Client) -> None:
    weeks = client.get("/api/dyads/KOR/JPN", params={"by": "week"}).json()["rows"]
    assert weeks[0]["period"].startswith("2025-W")
    error_of(client.get("/api/dyads/KOR/JPN", params={"by": "fortnight"}), 422)
    error_of(client.get("/api/dyads/KOR/j"), 422)


def test_balance(client: httpx.Client) -> None:
    body = client.get("/api/balance/KOR", params={"between": "CHN,JPN"}).json()
    assert body["between"] == ["CHN", "JPN"]
    periods = {p["period"]: p for p in body["periods"]}
    assert list(periods) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert periods["2025-11"]["index"] == 1.0
    # one or two stories toward one side: a lean, never a verdict
    assert periods["2025-11"]["verdict"] == "too little evidence"
    assert periods["2026-02"]["index"] == -1.0
    for p in body["periods"]:
        if p["index"] is None:
            assert p["low"] is None and p["high"] is None
        else:
            assert -1.0 <= p["low"] <= p["high"] <= 1.0


def test_balance_window_and_week(client: httpx.Client) -> None:
    pooled = client.get(
        "/api/balance/KOR", params={"between": "CHN,JPN", "window": 3}
    ).json()["periods"]
    assert pooled[-1]["events"] >= 3
    weekly = client.get(
        "/api/balance/KOR", params={"between": "CHN,JPN", "by": "week"}
    ).json()
    assert weekly["by"] == "week" and all("-W" in p["period"] for p in weekly["periods"])


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"between": "CHN"}, 422),
        ({"between": "CHN,CHN"}, 422),
        ({"between": "chn,jpn"}, 422),
        ({"between": "CHN,JPN", "window": 0}, 422),
        ({"between": "KOR,JPN"}, 400),
    ],
)
def test_balance_bad_parameters(client: httpx.Client, params: dict[str, Any], status: int) -> None:
    error_of(client.get("/api/balance/KOR", params=params), status)


def test_sequences(client: httpx.Client) -> None:
    body = client.get("/api/sequences/KOR", params={"within": 30}).json()
    assert len(body["items"]) == 1
    seq = body["items"][0]
    assert (seq["first"]["power"], seq["second"]["power"], seq["gap_days"]) == ("CHN", "JPN", 8)
    assert seq["second"]["places"] == ["Nara"]
    assert client.get("/api/sequences/KOR", params={"within": 7}).json()["items"] == []
    error_of(client.get("/api/sequences/KOR", params={"within": -1}), 422)


def test_network(client: httpx.Client) -> None:
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("CHN", "KOR")]["events"] == 4  # the future CONSULT is not counted
    assert edges[("CHN", "KOR")]["net"] == pytest.approx(0.5)
    assert {n["code"] for n in body["nodes"]} == {"CHN", "JPN", "KOR", "PRK", "UN"}


def test_unknown_route_and_method(client: httpx.Client) -> None:
    assert "/api/nothing" in error_of(client.get("/api/nothing"), 404)["message"]
    assert error_of(client.delete("/api/events"), 405)["code"] == "method_not_allowed"


def test_openapi_lists_routes(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/balance/{focal}",
        "/api/articles",
        "/api/network",
    ):
        assert path in paths


def test_dashboard_is_served_with_a_strict_policy(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace("http-equiv", "")  # no external assets
    script = client.get("/static/js/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    error_of(client.get("/static/missing.js"), 404)


def test_writes_disabled_without_token(readonly_url: str) -> None:
    response = httpx.post(
        f"{readonly_url}/api/articles",
        json={"text": "Seoul met Tokyo."},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert error_of(response, 403)["code"] == "writes_disabled"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_wrong_token_is_401(client: httpx.Client, headers: dict[str, str]) -> None:
    response = client.post("/api/articles", json={"text": "Seoul met Tokyo."}, headers=headers)
    assert error_of(response, 401)["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


def test_huge_body_is_413(client: httpx.Client) -> None:
    big = {"text": "word " * 300_000}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert error_of(client.post("/api/articles", json=big, headers=auth), 413)
    chunks = (b"x" * 65536 for _ in range(40))  # streamed, no Content-Length
    streamed = client.post("/api/articles", content=chunks, headers=auth)
    assert error_of(streamed, 413)["code"] == "payload_too_large"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "a", "html": "<p>a</p>"},
        {"text": "a", "id": "bad id/x"},
        {"text": "a", "published": "yesterday"},
        {"text": "a", "extra": 1},
    ],
)
def test_bad_article_bodies_are_422(client: httpx.Client, body: dict[str, Any]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    error_of(client.post("/api/articles", json=body, headers=auth), 422)


def test_non_json_body_is_422(client: httpx.Client) -> None:
    response = client.post(
        "/api/articles",
        content=b"{not json",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    error_of(response, 422)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"actor": "XYZ"}),
        ("/api/events", {"recipient": "ZZZ"}),
        ("/api/dyads/KOR/ZZZ", {}),
        ("/api/balance/XYZ", {"between": "CHN,JPN"}),
        ("/api/balance/KOR", {"between": "CHN,QQQ"}),
        ("/api/sequences/ZZZ", {}),
    ],
)
def test_unknown_codes_are_404_with_suggestions(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    error = error_of(client.get(path, params=params), 404)
    assert "did you mean" in error["message"]


def test_dictionary_lists_people_with_terms(client: httpx.Client) -> None:
    items = client.get("/api/dictionary", params={"q": "Lee Jae"}).json()["items"]
    lee = next(i for i in items if i["name"] == "Lee Jae-myung")
    assert (lee["kind"], lee["code"], lee["start"], lee["end"]) == (
        "person", "KOR", "2025-06-04", None)
