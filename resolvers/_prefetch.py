"""Loads started ahead of the fields that will await them (see schema/prefetch.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any


def watch(started: Iterable[Awaitable[Any]]) -> None:
    """Let DataLoader futures nobody may await fail quietly: the field that awaits one still gets its error."""
    for future in started:
        if isinstance(future, asyncio.Future):
            future.add_done_callback(_retrieve)


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()
