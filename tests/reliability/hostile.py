"""The hostile corpus: checked-in files under ``corpus/`` plus files made at test time.

Binary content, odd encodings and very large or deep documents are generated here
rather than checked in, so the repository holds no opaque blobs.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

_ENGLISH = (
    "South Korean President Lee Jae-myung met Japanese Prime Minister Shigeru Ishiba "
    "in Seoul on Tuesday, and the two leaders agreed to expand cooperation on supply "
    "chains and energy."
)
_LATIN1 = "Café diplomacy: the Korean envoy met the French minister in Orléans on Monday. "
_CP1252 = "“Seoul and Tokyo agreed on a €2 billion swap” — officials said on Friday. "
_PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@dataclass(frozen=True)
class Expect:
    """The recorded outcome one input must end in: its status and a word of its reason."""

    source: str
    status: str
    reason: str = ""


def _binary(seed: int, size: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


def big_article(min_bytes: int) -> str:
    """An English article of at least ``min_bytes`` (paragraphs of news prose)."""
    para = _ENGLISH + " Officials from both governments briefed reporters afterwards."
    count = min_bytes // (len(para) + 2) + 1
    return "\n\n".join(f"{para} (Paragraph {i}.)" for i in range(count))


def nested_html(depth: int) -> str:
    inner = ("<p>Chinese Foreign Minister Wang Yi visited Tokyo on Thursday and urged Japan "
             "to handle the Taiwan question with care.</p>")
    return "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


def _generated() -> dict[str, bytes]:
    controls = "".join(chr(c) for c in (1, 2, 7, 8, 11, 12, 27, 127, 0x85, 0x9F))
    zero_width = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    return {
        "empty.txt": b"",
        "empty.json": b"",
        "whitespace.html": b"   \n\t\n  ",
        "binary.txt": _binary(1, 4096),
        "binary.html": _PNG_HEAD + _binary(2, 2048),
        "binary.json": b"\x00\x01\x02{" + _binary(3, 1024),
        "latin1.txt": (_LATIN1 * 3 + _ENGLISH).encode("latin-1"),
        "cp1252.txt": (_CP1252 * 3 + _ENGLISH).encode("cp1252"),
        "utf16-bom.txt": ("Japan and China held talks on fisheries in Beijing on Monday. "
                          "Both sides agreed to meet again.").encode("utf-16"),
        "invalid-utf8.txt": _ENGLISH.encode() + b"\xff\xfe\xc3\x28 broken \xe2\x82 bytes. "
        + b"Tokyo agreed.",
        "mixed-encodings.txt": _ENGLISH.encode() + b"\n\n" + _LATIN1.encode("latin-1")
        + _CP1252.encode("utf-8"),
        "controls.txt": (f"Seoul{controls[:3]} talks{zero_width}\n\n" + _ENGLISH.replace(
            " ", f" {zero_width[0]}", 5) + controls[3:5] + " " + big_article(2000)
            + controls[5:]).encode("utf-8"),
        "nested.html": nested_html(5000).encode(),
        "huge.txt": big_article(3_000_000).encode(),
    }


def build_corpus(folder: Path) -> Path:
    """Copy the checked-in files and write the generated ones into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in CORPUS.iterdir():
        shutil.copy(file, folder / file.name)
    for name, data in _generated().items():
        (folder / name).write_bytes(data)
    return folder


EXPECTED: tuple[Expect, ...] = (
    Expect("binary.html", "failed", "binary"),
    Expect("binary.json", "failed", "binary"),
    Expect("binary.txt", "failed", "binary"),
    Expect("broken.atom#entry1", "failed", "no content"),
    Expect("broken.atom#entry2", "coded"),
    Expect("broken.atom#entry3", "failed", "no content"),
    Expect("controls.txt", "coded"),
    Expect("cp1252.txt", "coded"),
    Expect("empty.json", "failed", "empty"),
    Expect("empty.txt", "failed", "empty"),
    Expect("es-article.html", "skipped", "language es"),
    Expect("fr-article.txt", "skipped", "language fr"),
    Expect("future-date.json", "coded"),
    Expect("huge.txt", "coded"),
    Expect("invalid-utf8.txt", "coded"),
    Expect("ko-article.json", "skipped", "language ko"),
    Expect("latin1.txt", "coded"),
    Expect("malformed.html", "coded"),
    Expect("mixed-encodings.txt", "coded"),
    Expect("mixed-lines.jsonl:1", "coded"),
    Expect("mixed-lines.jsonl:2", "failed", "not valid JSON"),
    Expect("mixed-lines.jsonl:3", "failed", "expected a JSON object"),
    Expect("mixed-lines.jsonl:5", "failed", "must be a string"),
    Expect("mixed-lines.jsonl:6", "failed", "no article text"),
    Expect("mixed-lines.jsonl:7", "failed", "not valid JSON"),
    Expect("nested.html", "coded"),
    Expect("no-date.json", "coded"),
    Expect("not-a-feed.xml", "failed", "no feed entries"),
    Expect("not-an-object.json#entry1", "failed", "expected a JSON object"),
    Expect("not-an-object.json#entry2", "failed", "expected a JSON object"),
    Expect("not-an-object.json#entry3", "failed", "expected a JSON object"),
    Expect("old-date.json", "coded"),
    Expect("script-style-only.html", "failed", "no article text"),
    Expect("text-is-list.json", "failed", "must be a string"),
    Expect("text-not-string.json", "failed", "must be a string"),
    Expect("truncated.html", "coded"),
    Expect("truncated.json", "failed", "not valid JSON"),
    Expect("truncated.rss#entry1", "coded"),
    Expect("truncated.rss#entry2", "failed", "no content"),
    Expect("utf16-bom.txt", "coded"),
    Expect("whitespace.html", "failed", "empty"),
    Expect("zh-article.jsonl:1", "skipped", "language zh"),
)
"""Every input of the corpus and its outcome (``source`` is relative to the corpus folder)."""
