"""Web archives (WARC, WARC.gz) to raw documents: each HTML response is an article.

A WARC file (Common Crawl's CC-NEWS, or a crawler's own) holds requests, responses and
metadata. Only ``response`` records with a 2xx HTML payload are articles; other records
are not news and are passed over. The record's target URI is the article's URL and its
``WARC-Date`` the capture time (``fetched_at``): when the crawler saw the page, not when
it was published, so it is never used as the publication date. A record the crawler
truncated, or a file that ends inside a record, is a ``Failure`` with its reason; the
records before it are kept. A file with nothing to code (empty, no records, or no HTML
page among its records) is a ``Failure`` too, so that it shows in the run's summary.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from equipoise.errors import InputError
from equipoise.ingest._decode import decode_bytes
from equipoise.models import Failure, RawDocument

__all__ = ["WARC_SUFFIXES", "is_warc", "iter_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
STAGE = "ingest"
MARKUP_FACTOR = 10
# The blank lines that close an uncompressed file's last record are not part of it.
_TRAILER_BYTES = 4


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | Path, *, max_chars: int = 200_000
              ) -> Iterator[RawDocument | Failure]:
    """The HTML responses of one WARC file, in file order, streamed (memory stays flat)."""
    name = str(path)
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 - closed below; open errors are failures
    except OSError as exc:
        yield Failure(name, STAGE, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from _read(handle, name, max_chars)


def _read(handle: BinaryIO, name: str, max_chars: int) -> Iterator[RawDocument | Failure]:
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        yield Failure(name, STAGE, "the file is empty (0 bytes); nothing was archived in it")
        return
    tally = _Tally()
    try:
        yield from _records(ArchiveIterator(handle, check_digests=False), name, max_chars, tally)
    except ArchiveLoadFailed as exc:
        yield Failure(name, STAGE, f"not a readable WARC file ({_first_line(exc)})")
        return
    except (OSError, EOFError, ValueError) as exc:  # gzip/zlib errors of a cut file
        yield Failure(name, STAGE, f"the file ends inside a record ({_first_line(exc)}); "
                      "the records before it were read")
        return
    if tally.records == 0:
        yield Failure(name, STAGE, f"holds no WARC records ({size} bytes); a crawler that "
                      "wrote nothing, or a file that is not a web archive")
    elif size - tally.end > _TRAILER_BYTES:
        yield Failure(name, STAGE, f"the file ends inside a record ({size - tally.end} bytes "
                      f"after offset {tally.end} are not a whole record); the records before "
                      "it were read")
    elif tally.items == 0:
        yield Failure(name, STAGE, f"{tally.records} WARC record{_s(tally.records)}, none an "
                      "HTML page (a 2xx text/html response); nothing to code")


@dataclass
class _Tally:
    """What a file held: whole records, articles or failures yielded, the last record's end."""

    records: int = 0
    items: int = 0
    end: int = 0


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _records(archive: ArchiveIterator, name: str, max_chars: int, tally: _Tally
             ) -> Iterator[RawDocument | Failure]:
    """The articles of ``archive``; ``tally`` counts them and where the last record ends."""
    for record in archive:
        if record.format != "warc":  # warcio reads any text as a (lenient) ARC record
            raise ArchiveLoadFailed(f"a record at offset {tally.end} has no WARC/1.x header")
        item = _from_record(record, name, max_chars)
        if item is not None:
            tally.items += 1
            yield item
        archive.read_to_end()
        tally.records += 1
        tally.end = archive.get_record_offset() + archive.get_record_length()


def _from_record(record: Any, name: str, max_chars: int) -> RawDocument | Failure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not status.startswith("2") or media not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    source = f"{name}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return Failure(source, STAGE, f"the crawler truncated this record ({truncated}); "
                       "a partial page is not coded")
    payload = record.content_stream().read()
    if record.raw_stream.limit > 0:
        return Failure(source, STAGE, "the record is shorter than its Content-Length "
                       "(the file is cut inside it)")
    try:
        body = decode_bytes(payload)
    except InputError as exc:
        return Failure(source, STAGE, str(exc))
    return RawDocument(source=source, body=body[: max_chars * MARKUP_FACTOR], fmt="html",
                       url=url, fetched_at=_capture_time(record))


def _capture_time(record: Any) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
