"""WARC and WARC.gz files written here: HTML responses in, everything else out or failed."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from equipoise.cli import cli
from equipoise.ingest.readers import iter_documents
from equipoise.ingest.warc import iter_warc
from equipoise.models import Failure, RawDocument
from equipoise.store import Store, failures

DATE = "2026-02-03T04:05:06Z"


def page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><article><p>Story {n}: "
            f"the foreign ministers of Korea and Japan met in Seoul on Monday.</p>"
            "</article></body></html>").encode()


def write_warc(path: Path, first: int = 0, *, gz: bool = True, truncated: bool = True) -> None:
    """Two HTML responses, an image, a request, a 404 and (optionally) a truncated page."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)

        def response(url: str, body: bytes, ctype: str = "text/html; charset=utf-8",
                     status: str = "200 OK", extra: dict[str, str] | None = None) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            warc = {"WARC-Date": DATE, **(extra or {})}
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict=warc))

        writer.write_record(writer.create_warc_record(
            f"http://news.example/{first}", "request",
            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response(f"http://news.example/{first}", page(first))
        response(f"http://news.example/logo{first}.png", b"\x89PNG\r\n", "image/png")
        response(f"http://news.example/missing{first}", b"<p>gone</p>", status="404 Not Found")
        response(f"http://news.example/{first + 1}", page(first + 1))
        if truncated:
            response(f"http://news.example/cut{first}", page(99)[:40],
                     extra={"WARC-Truncated": "length"})


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_are_articles_with_url_and_capture_time(tmp_path: Path,
                                                               gz: bool) -> None:
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    write_warc(path, gz=gz)
    items = list(iter_warc(path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == ["http://news.example/0", "http://news.example/1"]
    assert all(d.fetched_at is not None and d.fetched_at.isoformat() == "2026-02-03T04:05:06+00:00"
               for d in docs)
    assert all(d.published is None for d in docs)  # a capture date is not a publication date
    [cut] = [i for i in items if isinstance(i, Failure)]
    assert "truncated this record" in cut.reason and cut.source.endswith("/cut0")


@pytest.mark.parametrize("gz", [True, False])
def test_a_file_cut_short_keeps_the_records_before_the_cut(tmp_path: Path, gz: bool) -> None:
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    write_warc(whole, gz=gz, truncated=False)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole.read_bytes()[:-150])
    items = list(iter_warc(cut))
    assert [i.url for i in items if isinstance(i, RawDocument)] == ["http://news.example/0"]
    [failure] = [i for i in items if isinstance(i, Failure)]
    assert "ends inside a record" in failure.reason or "cut inside it" in failure.reason


def test_warc_files_are_found_in_folders_and_not_a_warc_is_a_failure(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", truncated=False)
    (tmp_path / "junk.warc").write_bytes(b"this is not a web archive")
    items = list(iter_documents([tmp_path]))
    assert len([i for i in items if isinstance(i, RawDocument)]) == 2
    [bad] = [i for i in items if isinstance(i, Failure)]
    assert bad.source.endswith("junk.warc") and "not a readable WARC file" in bad.reason


def test_an_empty_or_recordless_warc_in_a_folder_is_a_failure_and_the_run_completes(
        tmp_path: Path) -> None:
    """A crawler that wrote nothing must show up in the summary, not vanish from it."""
    corpus = tmp_path / "crawl"
    corpus.mkdir()
    write_warc(corpus / "good.warc.gz", truncated=False)
    (corpus / "empty.warc").write_bytes(b"")
    (corpus / "empty.warc.gz").write_bytes(gzip.compress(b""))
    with (corpus / "requests.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record(
            "http://news.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "new 1" in result.stdout and "failed 3" in result.stdout
    reasons = {Path(f.source).name: f.error or "" for f in failures(Store(db))}
    assert set(reasons) == {"empty.warc", "empty.warc.gz", "requests.warc.gz"}
    assert "empty (0 bytes)" in reasons["empty.warc"]
    assert "no WARC records" in reasons["empty.warc.gz"]
    assert "1 WARC record, none an HTML page" in reasons["requests.warc.gz"]
    with Store(db).connect(read_only=True) as con:
        coded = con.execute("SELECT count(*) FROM articles WHERE status = 'coded'").fetchone()
    assert coded == (1,)  # the good file's first page (its second is a near-duplicate)
