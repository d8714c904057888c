"""GraphiQL served by the app itself: assets from the npm packages installed by `make graphiql` (no CDN),
the explorer's contract operations preloaded as tabs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from peergraph.assets import CONTRACT as CONTRACT_FILE
from peergraph.assets import GRAPHIQL_FILES, asset

# The only files the page loads, by the name it uses for them.
ASSETS: dict[str, Path] = {name: asset(relative) for name, relative in GRAPHIQL_FILES.items()}
ASSET_PREFIX = "/graphiql/assets"
CONTRACT = asset(CONTRACT_FILE)
# Example variables for each contract operation (ids from the bundled OpenAlex sample).
EXAMPLES: dict[str, dict[str, object]] = {
    "ResearcherProfile": {"id": "A5082727236"},
    "Coauthors": {"id": "A5082727236", "first": 20},
    "GraphSlice": {"center": "A5082727236", "depth": 1, "limit": 100},
    "WorkDetail": {"id": "W1694905212"},
    "Search": {"q": "bibliometric", "first": 10},
}
_OPERATION = re.compile(r"^(query|mutation|subscription)\s+(\w+)", re.MULTILINE)


def contract_tabs(text: str) -> list[dict[str, str]]:
    """One tab per operation of the contract: its text (with the comments just above it) and example variables."""
    starts = [m.start() for m in _OPERATION.finditer(text)]
    tabs = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        body = text[start:end].rstrip()
        body = body[: _comment_start(body)].rstrip() if i + 1 < len(starts) else body
        name = _OPERATION.match(body)
        variables = EXAMPLES.get(name.group(2), {}) if name else {}
        tabs.append({"query": body + "\n", "variables": json.dumps(variables, indent=2)})
    return tabs


def _comment_start(body: str) -> int:
    """Where the trailing comment block (the next operation's description) begins."""
    lines = body.splitlines(keepends=True)
    cut = len(body)
    for line in reversed(lines):
        if line.startswith("#") or not line.strip():
            cut -= len(line)
        else:
            break
    return cut


def page(endpoint: str = "/graphql") -> str:
    config = {"endpoint": endpoint, "tabs": contract_tabs(CONTRACT.read_text(encoding="utf-8"))}
    # "</" cannot end the JSON block early: it is escaped as "<\/".
    data = json.dumps(config).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>peergraph · GraphiQL</title>
<link rel="stylesheet" href="{ASSET_PREFIX}/graphiql.css">
<style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
<div id="graphiql">{html.escape("Loading GraphiQL…")}</div>
<script id="graphiql-config" type="application/json">{data}</script>
<script src="{ASSET_PREFIX}/react.js"></script>
<script src="{ASSET_PREFIX}/react-dom.js"></script>
<script src="{ASSET_PREFIX}/graphiql.js"></script>
<script src="{ASSET_PREFIX}/boot.js"></script>
</body>
</html>
"""


def assets_installed() -> bool:
    return all(path.is_file() for path in ASSETS.values())


def page_response() -> Response:
    if not assets_installed():
        return PlainTextResponse("GraphiQL's assets are not installed: run `make graphiql`.", status_code=503)
    return HTMLResponse(page())


async def graphiql_page(_: Request) -> Response:
    return page_response()


async def graphiql_asset(request: Request) -> Response:
    path = ASSETS.get(request.path_params["name"])
    if path is None or not path.is_file():
        return PlainTextResponse("not found", status_code=404)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
