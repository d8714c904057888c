"""GraphiQL in a fresh browser: its first tab runs as it loads, with the contract's example variables."""

from __future__ import annotations

import json

from neo4j import AsyncDriver

from peergraph.ide import EXAMPLES
from tests.api.sample_truth import sample_truth
from tests.web.conftest import OpenTab

RESULT = ".result-window .CodeMirror"
VARIABLES = ".graphiql-editor-tool .CodeMirror"


async def test_the_first_tab_runs_on_first_load(sample_db: AsyncDriver, new_tab: OpenTab) -> None:
    tab = await new_tab()  # a fresh profile: nothing saved from an earlier visit
    await tab.goto("/graphiql")
    await tab.page.wait_for_selector(".graphiql-execute-button")
    variables = await tab.page.locator(VARIABLES).first.evaluate("e => e.CodeMirror.getValue()")
    assert json.loads(variables) == EXAMPLES["ResearcherProfile"]
    await tab.page.click(".graphiql-execute-button")
    await tab.page.wait_for_function(f"() => document.querySelector('{RESULT}').CodeMirror.getValue().includes('data')")
    result = json.loads(await tab.page.locator(RESULT).evaluate("e => e.CodeMirror.getValue()"))
    author = EXAMPLES["ResearcherProfile"]["id"]
    assert "errors" not in result, result
    assert result["data"]["author"]["id"] == author
    assert result["data"]["author"]["name"] == sample_truth().author_name[str(author)]
    await tab.shot("graphiql")

    # Back again: the saved tabs are GraphiQL's own, and no tab was added for the example.
    tabs = await tab.page.locator(".graphiql-tab").count()
    await tab.page.reload()
    await tab.page.wait_for_selector(".graphiql-execute-button")
    assert await tab.page.locator(".graphiql-tab").count() == tabs
    variables = await tab.page.locator(VARIABLES).first.evaluate("e => e.CodeMirror.getValue()")
    assert json.loads(variables) == EXAMPLES["ResearcherProfile"]

    # A returning visitor who left on another tab comes back to it, variables and all.
    await tab.page.locator(".graphiql-tab").nth(1).locator("button").first.click()
    await tab.page.wait_for_function(
        f"() => document.querySelector('{VARIABLES}').CodeMirror.getValue().includes('first')"
    )
    # GraphiQL saves its tabs a moment after a change.
    await tab.page.wait_for_function(
        "() => (JSON.parse(localStorage.getItem('graphiql:tabState') || 'null') || {}).activeTabIndex === 1"
    )
    await tab.page.reload()
    await tab.page.wait_for_selector(".graphiql-execute-button")
    assert await tab.page.locator(".graphiql-tab").count() == tabs
    assert await tab.page.locator(".graphiql-tab-active").inner_text() == "Coauthors"
    await tab.page.wait_for_function(
        f"() => document.querySelector('{VARIABLES}').CodeMirror.getValue().includes('first')"
    )
    variables = await tab.page.locator(VARIABLES).first.evaluate("e => e.CodeMirror.getValue()")
    assert json.loads(variables) == EXAMPLES["Coauthors"]
