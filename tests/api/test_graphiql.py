"""GraphiQL is served by the app from its own installed assets: no external host, contract tabs preloaded."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import httpx

from peergraph.ide import ANALYST, CONTRACT, EXAMPLES, analyst_tabs, contract_tabs


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config: str = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        self._in_config = tag == "script" and found.get("id") == "graphiql-config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


async def test_graphiql_page_and_assets_are_local(http: httpx.AsyncClient) -> None:
    for path, headers in (("/graphiql", {}), ("/graphql", {"Accept": "text/html"})):
        response = await http.get(path, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/html")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", response.text, re.IGNORECASE)
        links = Links()
        links.feed(response.text)
        assert len(links.urls) == 5
        for url in links.urls:
            assert url.startswith("/graphiql/assets/"), url
            asset = await http.get(url)
            assert asset.status_code == 200, url
            assert len(asset.content) > 100, url
        tabs = json.loads(links.config)["tabs"]
        names = [
            name
            for path in (CONTRACT, ANALYST)
            for name in re.findall(r"^query (\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        ]
        assert [re.match(r"query (\w+)", t["query"]).group(1) for t in tabs] == names  # type: ignore[union-attr]
    assert (await http.get("/graphiql/assets/package.json")).status_code == 404


def test_every_contract_operation_is_a_tab_with_its_whole_text() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    tabs = contract_tabs(text)
    assert len(tabs) == 5
    for tab in tabs:
        assert tab["query"].strip() in text
        assert tab["query"].rstrip().endswith("}")
        assert json.loads(tab["variables"])


def test_every_analyst_example_is_a_tab_with_its_variables() -> None:
    text = ANALYST.read_text(encoding="utf-8")
    tabs = analyst_tabs()
    names = re.findall(r"^query (\w+)", text, re.MULTILINE)
    assert len(tabs) == len(names) == 11
    for name, tab in zip(names, tabs, strict=True):
        assert tab["query"].strip() in text
        assert json.loads(tab["variables"]) == EXAMPLES[name]
