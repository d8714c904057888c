"""A page of rows as resolvers hand it to the schema layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    skip: int
