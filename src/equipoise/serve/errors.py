"""One JSON error shape for every failure the API can return, and the body size guard.

Every error body is ``{"error": {"code": ..., "message": ..., "status": N}}``, whether
it comes from a library ``EquipoiseError``, FastAPI's request validation, an unknown
route or an unexpected crash (whose details stay in the server log, not the response).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from equipoise.analyse.errors import AnalysisError
from equipoise.errors import (
    EquipoiseError,
    InputError,
    NotFoundError,
    StoreError,
)

log = logging.getLogger("equipoise.serve")

_CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "validation_error", 500: "internal_error", 503: "store_unavailable",
}  # fmt: skip


class ApiError(Exception):
    """An error a route raises on purpose, with its status, code and message."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_response(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {
        "error": {"code": code or _CODES.get(status, "error"), "message": message, "status": status}
    }
    return JSONResponse(body, status_code=status, headers=headers)


def status_of(exc: EquipoiseError) -> int:
    """The HTTP status for a library error: the caller's fault, missing, or ours."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError | AnalysisError):
        return 400
    if isinstance(exc, StoreError):
        return 503
    return 500


def _where(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def validation_message(errors: Sequence[Any]) -> str:
    parts = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors]
    return "; ".join(parts) or "invalid request"


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, code=exc.code, headers=exc.headers)


async def _on_equipoise_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EquipoiseError)
    status = status_of(exc)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc)
    return error_response(status, str(exc))


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, validation_message(exc.errors()))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no route {request.url.path}; see /docs for the API"
    headers = dict(exc.headers) if exc.headers else None
    return error_response(exc.status_code, message, headers=headers)


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s crashed", request.method, request.url.path)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(EquipoiseError, _on_equipoise_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_crash)


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether declared or streamed.

    The body is read here (at most ``max_bytes`` of it) and replayed to the app, so a
    chunked upload without Content-Length is cut off as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        messages = await self._read(receive)
        if messages is None:
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, _replay(messages, receive), send)

    async def _read(self, receive: Receive) -> list[Message] | None:
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_kb = self.max_bytes // 1024
        response = error_response(
            413, f"request body is larger than {limit_kb} KB; send a shorter article"
        )
        await response(scope, receive, send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    queue = list(messages)

    async def replayed() -> Message:
        return queue.pop(0) if queue else await receive()

    return replayed
