"""``/docs`` and ``/redoc`` from assets shipped in the ``fastapi-offline`` wheel.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so offline they rendered
blank. Only the wheel's static files are used; the pages come from FastAPI's helpers.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS = Path(fastapi_offline.__file__).parent / "static"
PREFIX = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """Serve the interactive API docs with no request leaving the machine."""
    app.mount(PREFIX, StaticFiles(directory=ASSETS), name="docs-assets")

    async def swagger(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API",
            swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/favicon.png",
        )  # fmt: skip

    async def redoc(request: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API",
            redoc_js_url=f"{PREFIX}/redoc.standalone.js",
            redoc_favicon_url=f"{PREFIX}/favicon.png", with_google_fonts=False,
        )  # fmt: skip

    app.add_api_route("/docs", swagger, include_in_schema=False, methods=["GET"])
    app.add_api_route("/redoc", redoc, include_in_schema=False, methods=["GET"])
