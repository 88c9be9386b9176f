"""Where an article's publication date came from survives ingest, the store, the API,
the article command and a Parquet round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
from click.testing import CliRunner

from equipoise.cli import cli
from equipoise.config import Settings
from equipoise.job import ingest, load_parquet
from equipoise.scale.parquet import iter_parts, write_part
from equipoise.serve import create_app
from equipoise.store import ArticleRecord, Store

from ..serve.conftest import serving
from .conftest import SAMPLE


def _text(name: str) -> str:
    return str(json.loads((SAMPLE / name).read_text("utf-8"))["text"])


def _inputs(folder: Path) -> list[str]:
    """A JSON article with its own date, a page dated by its metadata, an undated text."""
    given = folder / "given.json"
    given.write_text(json.dumps({"id": "given", "published": "2025-08-24",
                                 "text": _text("010-lee-ishiba-tokyo-summit.json")}))
    page = folder / "page.html"
    paras = "".join(f"<p>{p}</p>" for p in _text("011-lee-trump-white-house.json").split("\n")
                    if p.strip())
    page.write_text("<html><head><title>Lee at the White House</title>"
                    '<meta property="article:published_time" content="2025-08-25T09:00:00Z">'
                    f"</head><body><article>{paras}</article></body></html>")
    plain = folder / "plain.txt"
    plain.write_text(_text("017-lee-takaichi-nara-summit.json"))
    return [str(given), str(page), str(plain)]


def _sources(store: Store) -> tuple[dict[str, tuple[date | None, str | None]], list[str]]:
    """Each article's date and its source, by input file name; and the article ids."""
    with store.connect(read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
    out = {}
    for ident in ids:
        stored = store.article(ident)
        assert stored is not None
        a = stored.article
        out[Path(a.source).name] = (a.published, a.published_source)
    return out, ids


def test_the_date_source_is_kept_through_store_api_and_parquet(settings: Settings,
                                                                tmp_path: Path) -> None:
    store = Store(tmp_path / "store.duckdb")
    ingest(_inputs(tmp_path), settings=settings, store=store, published=date(2026, 1, 2))
    sources, ids = _sources(store)
    assert sources == {"given.json": (date(2025, 8, 24), "input"),
                       "page.html": (date(2025, 8, 25), "html"),
                       "plain.txt": (date(2026, 1, 2), "default")}

    with serving(create_app(db=store.path)) as url, httpx.Client(base_url=url) as client:
        api = {ident: client.get(f"/api/articles/{ident}").json() for ident in ids}
    assert sorted(a["published_source"] for a in api.values()) == ["default", "html", "input"]
    page = CliRunner().invoke(cli, ["article", "given", "--db", str(store.path), "--plain"])
    assert "(2025-08-24 from input, coded)" in page.output

    records = []
    for ident in ids:
        stored = store.article(ident)
        assert stored is not None
        records.append(ArticleRecord(stored.article, stored.status))
    folder = tmp_path / "pq"
    write_part(folder, 0, records, [])
    [(read_back, _)] = list(iter_parts(folder))
    assert {r.article.id: r.article.published_source for r in read_back} == {
        r.article.id: r.article.published_source for r in records}
    loaded = Store(tmp_path / "loaded.duckdb")
    load_parquet(folder, loaded)
    assert _sources(loaded)[0] == sources
