"""A real HTTP server on 127.0.0.1 for the fetching, feed and watch tests.

Routes are set (and changed between polls) by the test; every request is logged with
its headers, so a test can tell what was asked and how often.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


@dataclass
class Page:
    """One canned answer; ``stream_bytes`` sends that many filler bytes after ``body``."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    stream_bytes: int = 0
    declare_length: bool = True
    trickle: float = 0.0  # seconds to wait before each filler chunk (a server that trickles)


Handler = Callable[[dict[str, str]], Page]


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Site:
    """Routes by path; ``url(path)`` is the full address on the running server."""

    def __init__(self) -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.log: list[Request] = []
        # body bytes written per path so far: what clients read, and at most socket buffers more
        self.sent: dict[str, int] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]

    def count_sent(self, path: str, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with site.lock:
                site.log.append(Request(self.path, headers))
            route = site.routes.get(self.path)
            if route is None:
                page = Page(b"not found", "text/plain", 404)
            else:
                page = route(headers) if callable(route) else route
            _answer(self, page, headers, lambda n: site.count_sent(self.path, n))

    return _Handler


def _answer(handler: BaseHTTPRequestHandler, page: Page, asked: dict[str, str],
            count: Callable[[int], None]) -> None:
    if page.delay:
        time.sleep(page.delay)
    if page.etag and asked.get("if-none-match") == page.etag:
        handler.send_response(304)
        handler.send_header("ETag", page.etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    size = len(page.body) + page.stream_bytes
    handler.send_response(page.status)
    handler.send_header("Content-Type", page.content_type)
    if page.declare_length:
        handler.send_header("Content-Length", str(size))
    else:
        handler.send_header("Connection", "close")
    if page.etag:
        handler.send_header("ETag", page.etag)
    handler.send_header("Date", formatdate(usegmt=True))
    for key, value in page.headers.items():
        handler.send_header(key, value)
    handler.end_headers()
    try:
        for chunk in _body(page):
            handler.wfile.write(chunk)
            count(len(chunk))
            if page.trickle:
                handler.wfile.flush()
                time.sleep(page.trickle)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client stopped reading: what a size limit does
    if not page.declare_length:
        handler.close_connection = True


def _body(page: Page) -> Iterator[bytes]:
    yield page.body
    if not page.stream_bytes:
        return
    chunk = b"<p>" + b"x" * 65_529 + b"</p>"
    for _ in range(page.stream_bytes // len(chunk)):
        yield chunk


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, link, title) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{name}</title>"
        f"<pubDate>Tue, 13 Jan 2026 08:00:00 GMT</pubDate></item>"
        for guid, link, name in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.org/</link>{entries}"
            "</channel></rss>").encode()


def article_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for a server in another process)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[Any], *, path: str = "/api/health",
                  timeout: float = 180.0) -> None:
    """Until the server at ``url`` answers ``path`` with 200: it starts slowly on a busy
    machine, so no count of tries decides, only its answer, its exit or the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"the server exited with {proc.returncode}: {err}")
        try:
            if httpx.get(url + path, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the server at {url} did not answer in {timeout:.0f} s")
        time.sleep(0.2)


def wait_for(check: Callable[[], bool], proc: subprocess.Popen[Any], what: str, *,
             timeout: float = 180.0) -> None:
    """Until ``check()`` holds: a state another process reaches, not a fixed sleep; fails
    at once if ``proc`` ends first."""
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None:
            raise AssertionError(f"the process ended before {what}: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def wait_event(event: threading.Event, proc: subprocess.Popen[Any], what: str) -> None:
    """Until ``event`` is set (by a route the process asked for), or ``proc`` ends."""
    wait_for(lambda: event.wait(0.5), proc, what)


@contextmanager
def server_process(command: Callable[[int], Sequence[str]], *,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """The server ``command(port)`` starts, in its own process; yields its base URL once
    it answers, and stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen(list(command(port)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
