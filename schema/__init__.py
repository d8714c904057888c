"""The GraphQL schema: one type per module, assembled here.

`Query` is merged from one query class per area, so another area (accounts: `viewer` ...) adds its class to
QUERY_PARTS without touching the read API's.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.author import Author
from schema.guards import guard_extensions
from schema.institution import Institution
from schema.listing import ListingQuery
from schema.query import Query as ReadQuery
from schema.source import Source
from schema.topic import Topic
from schema.work import Work
from settings import Settings

QUERY_PARTS: tuple[type, ...] = (ReadQuery, ListingQuery)
Query = merge_types("Query", QUERY_PARTS)
# Types reachable only through the Node interface still belong in the schema.
NODE_TYPES = [Author, Work, Topic, Institution, Source]


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    return strawberry.Schema(query=Query, types=NODE_TYPES, extensions=guard_extensions(settings))
