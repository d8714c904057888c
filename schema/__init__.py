"""The GraphQL schema: one type per module, assembled here."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.account_mutation import AccountMutation
from schema.account_query import AccountQuery
from schema.query import Query


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=merge_types("Query", (Query, AccountQuery)),
        mutation=merge_types("Mutation", (AccountMutation,)),
    )
