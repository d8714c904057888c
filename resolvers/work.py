"""Work resolvers."""

from __future__ import annotations

from typing import Any

from context import Info
from resolvers._ids import entity_id


async def work_by_id(info: Info, *, id: str) -> dict[str, Any] | None:
    return await info.context.loaders.work.load(entity_id(id, "work"))
