"""The researcher page and the graph explorer: the front end in web/, built by `make web` into web/dist, served here.

Every page path answers the single-page app's index.html (history routing: the app reads the path); its
hashed assets are under /app/assets/. The app talks to the API only through /graphql on this origin.
"""

from __future__ import annotations

import os

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

from peergraph.assets import WEB_DIST, asset

DIST = asset(WEB_DIST)
# The start page: a sample author with a full record, an ORCID iD, an affiliation, 8 works, 13 topics and 15
# coauthors (Jonathan C. Roberts, data/sample/authors.jsonl.gz), so the first page shows what the API is for.
HOME_AUTHOR = "A5009341822"
# Paths the app draws; each serves index.html. A path outside these is a plain 404.
PAGES = (
    "/authors/{id}",
    "/works/{id}",
    "/topics/{id}",
    "/institutions/{id}",
    "/explore",
    "/verify",
    "/orcid-callback",  # back from signing in with ORCID (web/src/orcid.ts)
)
NOT_BUILT = "The front end is not built: run `make web` (part of `make run` and `make test`)."


class Assets(StaticFiles):
    """web/dist/: names carry a content hash, so they may be kept for a year; index.html is never kept."""

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not DIST.is_dir():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return await super().get_response(path, scope)


async def index(_: Request) -> Response:
    page = DIST / "index.html"
    if not page.is_file():
        return PlainTextResponse(NOT_BUILT, status_code=503)
    return FileResponse(page, media_type="text/html", headers={"Cache-Control": "no-cache"})


async def favicon(_: Request) -> Response:
    """Browsers ask for /favicon.ico on every page (GraphiQL's too): the app's icon, not a 404 in their console."""
    icon = DIST / "favicon.svg"
    if not icon.is_file():
        return Response(status_code=204)
    return FileResponse(icon, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})


async def home(_: Request) -> Response:
    return RedirectResponse(f"/authors/{HOME_AUTHOR}", status_code=302)


def web_routes() -> list[BaseRoute]:
    return [
        Route("/", home),
        Route("/favicon.ico", favicon),
        *(Route(path, index) for path in PAGES),
        Mount("/app", Assets(directory=DIST, check_dir=False), name="app"),
    ]
