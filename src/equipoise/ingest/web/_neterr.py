"""What a network error means, in the words a user acts on.

httpx names its exception classes ("ConnectError") and quotes the socket error
("[Errno 111] Connection refused"); a user wants to know what the other side did (refused,
reset, no such host) and which host, so that a typo in a URL, a server that is down and
a flaky network read differently.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

__all__ = ["network_reason"]


def network_reason(exc: BaseException, url: str) -> str:
    """``connection refused by HOST:PORT`` and the like, for an error talking to ``url``."""
    parts = urlsplit(url)
    address = parts.netloc or url
    for cause in _causes(exc):
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {address} (nothing listens there, or it is down)"
        if isinstance(cause, socket.gaierror):
            return f"host {parts.hostname or address} not found ({cause.strerror or cause})"
        if isinstance(cause, ConnectionResetError):
            return f"connection reset by {address}"
    detail = str(exc).strip() or type(exc).__name__
    return f"network error talking to {address}: {detail}"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
