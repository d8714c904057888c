"""What every `peergraph` command shares: the consoles, failing with a message, settings and a driver."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from neo4j import AsyncDriver
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable
from rich.console import Console

from peergraph.db.target import async_driver, resolve_target
from peergraph.settings import Settings, get_settings

out = Console()
err = Console(stderr=True)
T = TypeVar("T")


class CommandFailed(typer.Exit):
    """A command's failure, said on stderr; carries its message (`peergraph import --json` also reports it)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(code=code)
        self.message = message


def fail(message: str) -> CommandFailed:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return CommandFailed(message)


def load_settings() -> Settings:
    try:
        return get_settings()
    except ValueError as exc:
        raise fail(f"invalid settings: {exc}") from exc


def with_driver(settings: Settings, work: Callable[[AsyncDriver], Awaitable[T]]) -> T:
    async def run() -> T:
        driver = async_driver(settings)
        try:
            await driver.verify_connectivity()
            return await work(driver)
        finally:
            await driver.close()

    target = resolve_target(settings)
    try:
        return asyncio.run(run())
    except AuthError as exc:
        raise fail(f"Neo4j at {target.uri} refused the credentials for user {target.user!r}: {exc.message}") from exc
    except (ServiceUnavailable, OSError) as exc:
        hint = "is it running? (`peergraph db start`)" if not settings.neo4j_uri else "check NEO4J_URI"
        raise fail(f"cannot reach Neo4j at {target.uri}: {exc}; {hint}") from exc
    except Neo4jError as exc:
        raise fail(f"Neo4j at {target.uri} refused the work: {exc.code}: {exc.message}") from exc
