"""Publication dates as sources write them: ISO 8601, RFC 822 (feeds) and a few common forms."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Day-first and month-name forms only: a bare "03/04/2026" is ambiguous between
# US and European order, so it is left unparsed rather than guessed.
_FORMATS: tuple[str, ...] = (
    "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d",
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%b. %d, %Y",
    "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y",
    "%A, %B %d, %Y", "%a, %B %d, %Y", "%A %d %B %Y", "%a %d %b %Y",
)  # fmt: skip

_ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)


def parse_published(value: object) -> date | None:
    """A date from a string in a common form; ``None`` when it cannot be read."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    return _iso(text) or _rfc822(text) or _common(text)


def _iso(text: str) -> date | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(candidate).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _rfc822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _common(text: str) -> date | None:
    text = _ORDINAL.sub(r"\1", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
