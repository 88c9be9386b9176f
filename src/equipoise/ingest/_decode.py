"""Bytes to text: UTF-8 first, then detection; binary files are refused."""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

from equipoise.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
# Share of control characters above which a decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes; raise ``InputError`` for empty or binary content."""
    if not data.strip():
        raise InputError("empty file")
    text = _with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes); expected text")
        text = _utf8_or_detected(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError("binary file (mostly control characters); expected text")
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    return text


def _with_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"file starts with a {codec} mark but is not {codec}") from exc
    return None


def _utf8_or_detected(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("binary file (no text encoding fits its bytes); expected text")
    return str(best)


def _control_share(text: str) -> float:
    sample = text[:10_000]
    controls = sum(
        1 for ch in sample if ch not in "\n\r\t\f" and unicodedata.category(ch) == "Cc"
    )
    return controls / max(len(sample), 1)
