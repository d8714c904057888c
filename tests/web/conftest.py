"""Browser tests: Debian's chromium, driven headless by Playwright, against the real API (and its pages) over HTTP.

No browser is ever downloaded: the test setup (`make browser`, part of `make test`) installs Debian's package when
it is missing, and without /usr/bin/chromium these tests fail, they never skip. The pages must be built
(`make web`, part of `make test`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pytest
import pytest_asyncio
from neo4j import AsyncDriver
from playwright.async_api import Browser, ConsoleMessage, Page, ViewportSize, async_playwright

from peergraph.settings import PROJECT_ROOT, Settings
from peergraph.web import DIST
from tests.support import TEST_ACCOUNTS, ApiServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "tests" / "web" / "artifacts"
WIDE: ViewportSize = {"width": 1440, "height": 900}
NARROW: ViewportSize = {"width": 360, "height": 780}


@pytest.fixture(scope="session")
def web_settings(settings: Settings) -> Settings:
    """The API as the account tests run it: cheap Argon2, the in-memory outbox for verification mails."""
    return settings.model_copy(update=TEST_ACCOUNTS)


@pytest.fixture(scope="session")
def web_server(web_settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    if not (DIST / "index.html").is_file():
        pytest.fail("the pages are not built: run `make web` (part of `make test`)", pytrace=False)
    with ApiServer(web_settings) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.is_file():
        pytest.fail(f"no browser at {CHROMIUM}: run `make browser` (apt-get install chromium, as root)", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return CHROMIUM


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class Tab:
    """A page in a fresh browser profile, with what its console said."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    async def goto(self, path: str) -> None:
        await self.page.goto(self.url(path))

    def allow(self, pattern: str) -> None:
        """A console error this test causes on purpose (e.g. the browser's line for a 503 answer)."""
        self.allowed.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    async def shot(self, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path), full_page=True)
        return path


def operation(name: str) -> str:
    """One of the explorer's operations, exactly as contract/explorer.graphql writes it."""
    text = (PROJECT_ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
    match = re.search(rf"query {name}\(.*?\n}}\n", text, flags=re.S)
    assert match is not None, name
    return match.group(0)


class OpenTab(Protocol):
    async def __call__(self, viewport: ViewportSize | None = None) -> Tab: ...


@pytest_asyncio.fixture(loop_scope="session")
async def new_tab(browser: Browser, web_server: ApiServer) -> AsyncIterator[OpenTab]:
    """Open pages in fresh profiles (contexts); each must end with no console error it did not allow."""
    tabs: list[Tab] = []

    async def open_tab(viewport: ViewportSize | None = None) -> Tab:
        context = await browser.new_context(viewport=viewport or WIDE)
        page = await context.new_page()
        page.set_default_timeout(15_000)
        tab = Tab(page, web_server.url)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                tab.errors.append(f"{message.text} ({message.location.get('url', '')})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.errors.append(f"page error: {error}"))
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        await tab.page.context.close()
    for tab in tabs:
        assert not tab.unexpected_errors(), tab.unexpected_errors()
