"""The GraphQL schema: one type per module, assembled here."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.ingest_mutation import IngestMutation
from schema.query import Query

# Each domain adds its mutation class to this tuple.
Mutation = merge_types("Mutation", (IngestMutation,))


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation)
