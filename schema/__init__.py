"""The GraphQL schema: one type per module, assembled here.

`Query` and `Mutation` are merged from one class per area (read API, listings, accounts, import), so an area
adds its class to QUERY_PARTS / MUTATION_PARTS without touching another's.
"""

from __future__ import annotations

from strawberry.tools import merge_types

from peergraph.settings import Settings
from schema.accounts.mutation import AccountMutation
from schema.accounts.query import AccountQuery
from schema.analytics import AnalyticsQuery
from schema.author import Author
from schema.compiled import execution_context_class
from schema.funder import Funder, Publisher
from schema.guards import Guards, LoggedSchema, guard_settings
from schema.ingest_mutation import IngestMutation
from schema.institution import Institution
from schema.listing import ListingQuery
from schema.query import Query as ReadQuery
from schema.source import Source
from schema.topic import Topic
from schema.work import Work

QUERY_PARTS: tuple[type, ...] = (ReadQuery, ListingQuery, AnalyticsQuery, AccountQuery)
MUTATION_PARTS: tuple[type, ...] = (AccountMutation, IngestMutation)
Query = merge_types("Query", QUERY_PARTS)
Mutation = merge_types("Mutation", MUTATION_PARTS)
# Types reachable only through the Node interface still belong in the schema.
NODE_TYPES = [Author, Work, Topic, Institution, Source, Funder, Publisher]


def build_schema(settings: Settings | None = None) -> LoggedSchema:
    context_class = execution_context_class(
        compiled=settings is None or settings.compiled_documents,
        shortcut=settings is None or settings.plain_fields_shortcut,
    )
    schema = LoggedSchema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        execution_context_class=context_class,
    )
    # The guards come after: the cost estimate reads the built schema (and refuses one with a list it cannot bound).
    shared = guard_settings(settings, schema._schema)
    schema.guards = shared  # peergraph/prepared.py runs the same guards' caches without the extension
    schema.extensions = (lambda: Guards(shared),)
    return schema
