"""The Institution type."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.node import Node


@strawberry.type(description="A research institution (stubs are known only from authorships and affiliations).")
class Institution(Node):
    name: str | None = strawberry.field(description="Display name.")
    country_code: str | None = strawberry.field(description='ISO 3166-1 alpha-2 country code, e.g. "DK".')
    ror: str | None = strawberry.field(description='Bare ROR id, e.g. "02tvcev59".')
    type: str | None = strawberry.field(description="education, healthcare, company ...")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Institution:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name"),
            country_code=row.get("countryCode"),
            ror=row.get("ror"),
            type=row.get("type"),
        )
