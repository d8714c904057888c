"""The GraphQL schema: one type per module, assembled here."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.account_mutation import AccountMutation
from schema.account_query import AccountQuery
from schema.ingest_mutation import IngestMutation
from schema.query import Query

# Each domain adds its root classes to these tuples.
Query_ = merge_types("Query", (Query, AccountQuery))
Mutation = merge_types("Mutation", (AccountMutation, IngestMutation))


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query_, mutation=Mutation)
