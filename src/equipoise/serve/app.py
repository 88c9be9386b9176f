"""The FastAPI application: JSON API under ``/api``, the dashboard at ``/``."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from equipoise.config import Settings, load_settings
from equipoise.serve import codes, routes_analysis, routes_corpus, routes_views, routes_write
from equipoise.serve.docs import install_docs
from equipoise.serve.errors import BodySizeLimit, install_error_handlers
from equipoise.serve.models import ErrorOut
from equipoise.serve.params import ServeState
from equipoise.store import Store

TOKEN_ENV = "EQUIPOISE_WRITE_TOKEN"
MAX_BODY_BYTES = 1024 * 1024
STATIC = Path(__file__).parent / "static"
# The dashboard loads nothing from elsewhere; the policy makes any injected markup inert too.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc start from an inline script; everything they load stays local.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


class DashboardHeaders:
    """Security headers on every response; /docs gets a CSP that allows its inline script."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        policy = DOCS_CSP if path.startswith(("/docs", "/redoc")) else DASHBOARD_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"content-security-policy", policy.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _token(write_token: str | None) -> str | None:
    token = write_token if write_token is not None else os.environ.get(TOKEN_ENV)
    return token or None


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the store's kept connection as the server shuts down (not at exit)."""
    yield
    state = app.state.equipoise
    assert isinstance(state, ServeState)
    state.store.close()


def create_app(
    *, db: str | Path, write_token: str | None = None, settings: Settings | None = None
) -> FastAPI:
    """The API and dashboard over the store at ``db``.

    Writes (``POST /api/articles``) are enabled only when ``write_token`` (or the
    ``EQUIPOISE_WRITE_TOKEN`` environment variable) is set.
    """
    app = FastAPI(
        title="equipoise",
        version="0.1.0",
        description="PLOVER events, dyads and the balance index over one store.",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
        responses={
            400: {"model": ErrorOut},
            404: {"model": ErrorOut},
            422: {"model": ErrorOut},
            503: {"model": ErrorOut},
        },
    )
    app.state.equipoise = ServeState(
        store=Store(db, keep_open=True, threads=1), settings=settings or load_settings(),
        write_token=_token(write_token),
    )
    install_error_handlers(app)
    for module in (routes_corpus, routes_analysis, routes_write, codes, routes_views):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_docs(app)
    app.add_api_route("/", _index, include_in_schema=False, methods=["GET"])
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(DashboardHeaders)
    return app


async def _index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html")
