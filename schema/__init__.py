"""The GraphQL schema: one type per module, assembled here."""

from __future__ import annotations

import strawberry

from schema.query import Query


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query)
