"""The explorer in a real browser: it draws the API's slice, merges a clicked coauthor's slice into it, says when a
slice was truncated, and draws the coauthor path the API returns."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from tests.api.sample_truth import sample_truth
from tests.web import expected
from tests.web.conftest import OpenTab, Tab, operation

HOME = "A5009341822"  # Jonathan C. Roberts
FAR = "A5032230089"  # Joel Roberts: two coauthorship hops from HOME in the sample
HUB = "W1694905212"  # the sample's 5,103-author work
GRAPH = "document.querySelector('.graph-canvas').peergraph"


async def ask(tab: Tab, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The API's own answer, over HTTP, to compare with what the page drew."""
    async with httpx.AsyncClient(base_url=tab.base, timeout=30) as client:
        body: dict[str, Any] = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def slice_of(tab: Tab, center: str, depth: int, limit: int = 100) -> dict[str, Any]:
    data = await ask(tab, operation("GraphSlice"), {"center": center, "depth": depth, "limit": limit})
    found: dict[str, Any] = data["graphSlice"]
    return found


async def settled(tab: Tab) -> None:
    await tab.page.wait_for_function(
        f"() => {{ const g = {GRAPH}; const s = document.querySelector('.graph-status');"
        " return g && !g.busy && s.dataset.state && s.dataset.state !== 'loading'; }"
    )


async def drawing(tab: Tab) -> tuple[list[str], list[str]]:
    nodes: list[str] = await tab.page.evaluate(f"{GRAPH}.nodeIds()")
    edges: list[str] = await tab.page.evaluate(f"{GRAPH}.edgeIds()")
    return nodes, edges


async def test_the_slice_is_the_apis_and_a_clicked_coauthor_merges_in(sample_db: AsyncDriver, new_tab: OpenTab) -> None:
    tab = await new_tab()
    await tab.goto(f"/explore?center={HOME}&depth=2&limit=100")
    await settled(tab)
    answer = await slice_of(tab, HOME, 2)
    nodes, edges = await drawing(tab)
    assert sorted(nodes) == sorted(n["id"] for n in answer["nodes"])
    assert sorted(edges) == sorted(e["id"] for e in answer["edges"])
    truth = sample_truth()
    assert truth.author_works[HOME] <= set(nodes)  # every work of the author's records is drawn
    assert {a for a, _, _ in truth.coauthors(HOME)} <= set(nodes)  # and every coauthor, two hops out
    assert answer["truncated"] is False
    assert await tab.page.is_hidden(".notice.truncated")

    # A coauthor whose own slice holds something not drawn yet; clicked where the canvas draws it.
    drawn = set(nodes)
    coauthor, extra = None, None
    for candidate, _, _ in truth.coauthors(HOME):
        around = await slice_of(tab, candidate, 1)
        if {n["id"] for n in around["nodes"]} - drawn:
            coauthor, extra = candidate, around
            break
    assert coauthor is not None
    assert extra is not None
    at = await tab.page.evaluate(f"{GRAPH}.clientPosition({coauthor!r})")
    await tab.page.mouse.click(at["x"], at["y"])
    await tab.page.wait_for_function(f"() => {GRAPH}.expanded.has({coauthor!r})")
    await settled(tab)
    nodes, edges = await drawing(tab)
    assert len(nodes) == len(set(nodes))
    assert len(edges) == len(set(edges))
    assert set(nodes) == drawn | {n["id"] for n in extra["nodes"]}
    assert set(edges) == {e["id"] for e in answer["edges"]} | {e["id"] for e in extra["edges"]}
    assert await tab.page.inner_text(".side .selected-label") == truth.author_name[coauthor]
    # The kind filter hides works (and shows them again).
    await tab.page.uncheck('.legend input[data-kind="WORK"]')
    visible: list[str] = await tab.page.evaluate(f"{GRAPH}.visibleNodeIds()")
    assert not set(visible) & truth.author_works[HOME]
    await tab.page.check('.legend input[data-kind="WORK"]')
    await tab.shot("explorer")

    # The hub work has more authors than one slice holds: the API says truncated, and so does the page.
    assert expected.author_of_work_count(HUB) > 100
    await tab.goto(f"/explore?center={HUB}&depth=1&limit=100")
    await settled(tab)
    hub = await slice_of(tab, HUB, 1)
    assert hub["truncated"] is True
    assert await tab.page.is_visible(".notice.truncated")
    assert "Truncated" in await tab.page.inner_text(".notice.truncated")
    assert sorted((await drawing(tab))[0]) == sorted(n["id"] for n in hub["nodes"])
    await tab.shot("explorer-truncated")


async def pick(tab: Tab, name: str, text: str, author: str) -> None:
    await tab.page.fill(f'input[name="{name}"]', text)
    await tab.page.click(f'.suggestions button[data-id="{author}"]')


async def test_path_mode_draws_the_apis_connection(sample_db: AsyncDriver, new_tab: OpenTab) -> None:
    hops = expected.coauthor_hops(HOME, FAR)
    assert hops == 2
    tab = await new_tab()
    await tab.goto("/explore?mode=path")
    await pick(tab, "from", "Jonathan", HOME)
    await pick(tab, "to", "Joel", FAR)
    await tab.page.click("text=Find path")
    await tab.page.wait_for_selector(".path-result ol.hops")
    await settled(tab)
    query = """query($from: ID!, $to: ID!) { connection(from: $from, to: $to, maxHops: 6) {
      hops authors { id } links { source { id } target { id } works { id } } } }"""
    path = (await ask(tab, query, {"from": HOME, "to": FAR}))["connection"]
    assert path["hops"] == hops
    nodes, edges = await drawing(tab)
    works = {w["id"] for link in path["links"] for w in link["works"]}
    assert sorted(nodes) == sorted({a["id"] for a in path["authors"]} | works)
    assert len(edges) == sum(2 * len(link["works"]) for link in path["links"])
    assert (await tab.page.inner_text(".path-result p strong")) == f"{hops} hops"
    hop_ends = await tab.page.eval_on_selector_all(
        ".hops > li", "xs => xs.map(x => [x.dataset.source, x.dataset.target])"
    )
    assert hop_ends == [[link["source"]["id"], link["target"]["id"]] for link in path["links"]]
    assert tab.page.url.endswith(f"/explore?from={HOME}&to={FAR}")
    await tab.shot("explorer-path")
