"""The pages without a mouse, in a real browser: the header search, the log-in dialog and a page's links are reached
with Tab and used with the arrows, Enter and Escape."""

from __future__ import annotations

from neo4j import AsyncDriver

from tests.web import expected
from tests.web.conftest import OpenTab, Tab

HOME = "A5009341822"  # Jonathan C. Roberts
OTHER = "A5009198168"  # Ahmedin Jemal: found by name in the header search


async def tab_until(tab: Tab, matches: str, presses: int = 80) -> None:
    """Press Tab until the focused element matches the CSS selector (at most `presses` times)."""
    for _ in range(presses):
        await tab.page.keyboard.press("Tab")
        if await tab.page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", matches):
            return
    focused = await tab.page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"{presses} presses of Tab never reached {matches!r} (last: {focused})")


async def test_search_log_in_and_links_by_keyboard(sample_db: AsyncDriver, new_tab: OpenTab) -> None:
    tab = await new_tab()
    await tab.goto(f"/authors/{HOME}")
    await tab.page.wait_for_selector(".head h1")

    # The header search: typed, the first suggestion chosen with the arrow key, its page opened with Enter.
    name = expected.profile(OTHER).name
    await tab_until(tab, "#top input[type=search]")
    await tab.page.keyboard.type(name)
    await tab.page.wait_for_selector(f'.suggestions button[data-id="{OTHER}"]')
    await tab.page.keyboard.press("ArrowDown")
    assert await tab.page.evaluate("() => document.activeElement.closest('.suggestions') !== null")
    while await tab.page.evaluate("id => document.activeElement.dataset.id !== id", OTHER):
        await tab.page.keyboard.press("ArrowDown")
    await tab.page.keyboard.press("Enter")
    await tab.page.wait_for_url(f"**/authors/{OTHER}")
    await tab.page.wait_for_function("n => document.querySelector('.head h1')?.textContent === n", arg=name)

    # The log-in dialog: opened with Enter on the header's button, focus inside it, closed with Escape.
    await tab_until(tab, ".account-menu button")
    assert (await tab.page.evaluate("() => document.activeElement.textContent")) == "Log in"
    await tab.page.keyboard.press("Enter")
    await tab.page.wait_for_selector("dialog[open]")
    assert await tab.page.evaluate("() => document.querySelector('dialog[open]').contains(document.activeElement)")
    await tab.page.keyboard.press("Escape")
    await tab.page.wait_for_selector("dialog[open]", state="hidden")

    # A work of the page, reached by Tab and opened with Enter.
    first = await tab.page.get_attribute("ol.works > li:first-child", "data-id")
    await tab_until(tab, "ol.works > li:first-child a.title", presses=200)
    await tab.page.keyboard.press("Enter")
    await tab.page.wait_for_url(f"**/works/{first}")
    await tab.page.wait_for_function(
        "t => document.querySelector('.head h1')?.textContent === t", arg=expected.work_title(first or "")
    )
