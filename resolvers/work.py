"""Work resolvers."""

from __future__ import annotations

from typing import Any

from peergraph.context import Info
from resolvers._prefetch import watch

Row = dict[str, Any]


async def work_authorships(info: Info, *, work_id: str) -> list[Row]:
    return await info.context.loaders.authorships.load(work_id)


async def work_topics(info: Info, *, work_id: str) -> list[Row]:
    return await info.context.loaders.work_topics.load(work_id)


async def work_row(info: Info, *, work_id: str) -> Row | None:
    """The full row of a work already known to exist (pages carry fewer properties)."""
    return await info.context.loaders.work.load(work_id)


def prefetch(info: Info, *, work_id: str, authorships: bool, topics: bool) -> None:
    """Start the work's authorships and topics loads without waiting (as resolvers.author.prefetch does)."""
    loaders = info.context.loaders
    started = [loaders.authorships.load(work_id)] if authorships else []
    if topics:
        started.append(loaders.work_topics.load(work_id))
    watch(started)
