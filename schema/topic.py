"""The Topic type."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.node import Node


@strawberry.type(description="An OpenAlex topic (stubs are known only from works' `topics`).")
class Topic(Node):
    name: str | None = strawberry.field(description="Display name.")
    subfield: str | None = strawberry.field(description="The subfield it belongs to.")
    field: str | None = strawberry.field(description="The field it belongs to.")
    domain: str | None = strawberry.field(description="The domain it belongs to.")
    works_count: int | None = strawberry.field(description="OpenAlex's count of works with this topic (all data).")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Topic:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name"),
            subfield=row.get("subfield"),
            field=row.get("field"),
            domain=row.get("domain"),
            works_count=row.get("worksCount"),
        )
