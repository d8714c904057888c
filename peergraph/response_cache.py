"""Whole answers to anonymous reads, kept per process and served without running them again.

What is kept: the bytes of an answer without errors to a request without credentials (no `Authorization`), whose
operation is a query. An anonymous answer is the same for every anonymous caller (privacy is decided by the
viewer, and an anonymous viewer is nobody), so no viewer's data can be served to another.

What an answer is keyed by: its document, operation name and variables, and the versions of what it was made of,
read from Neo4j in one round trip before each lookup (cypher/cache/versions.cypher):
- the graph's version, changed by every import batch that writes (cypher/ingest/bump_graph_version.cypher);
- the accounts' version, changed by every account write (follows, claims, profile settings, what a claimant
  hides: cypher/account/bump_social_version.cypher), for documents that select any field outside GRAPH_ONLY.
  A document that reads only imported records (a WorkDetail) is not invalidated by a follow.
A write through peergraph therefore changes the key, and the next request runs again: never a stale answer after
the write's commit. Writes made around peergraph (Cypher typed into Neo4j's browser) change no version: kept
answers live at most PEERGRAPH_RESPONSE_CACHE_SECONDS for that case.

Bounded by the bytes of the answers it holds (PEERGRAPH_RESPONSE_CACHE_BYTES; 0, the default, keeps none),
least recently used out first.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson
from cachetools import TTLCache
from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    visit,
)
from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import DriverError, Neo4jError
from starlette.requests import Request

from cypher.cache import VERSIONS
from peergraph.observability import RESPONSE_CACHE_VERSION_READS
from peergraph.settings import Settings

# Fields whose answers come from imported records only (the importer alone writes them): a document selecting
# nothing else is keyed by the graph's version alone. A type listed with None: every field of it. Anything not
# listed (a new field included) counts as reading account data too, so forgetting to list one costs hits, never
# correctness. Query.author is not listed: `author(orcid:)` finds nobody whose claimant hides the iD.
GRAPH_ONLY: dict[str, frozenset[str] | None] = {
    # The analyst's counts by facet, funders and publishers read imported records only (authorsGroupBy and
    # collaborations apply the viewer's rule: what a claimant hides counts as unknown or is left out).
    "Query": frozenset(
        {"node", "work", "works", "institution", "institutions", "topics"}
        | {"worksGroupBy", "funder", "funders", "publisher", "publishers"}
    ),
    "WorkGroups": None,
    "WorkGroup": None,
    "Funder": None,
    "FunderConnection": None,
    "FunderEdge": None,
    "Publisher": None,
    "PublisherConnection": None,
    "PublisherEdge": None,
    "Work": None,
    "WorkConnection": None,
    "WorkEdge": None,
    "WorkTopic": None,
    "OpenAccess": None,
    "PageInfo": None,
    "Authorship": None,
    "Source": None,
    "YearCount": None,
    "TopicConnection": None,
    "TopicEdge": None,
    "InstitutionConnection": None,
    "InstitutionEdge": None,
    "Topic": frozenset({"id", "name", "subfield", "field", "domain", "worksCount", "workCount", "works"}),
    "Institution": frozenset({"id", "name", "countryCode", "ror", "type", "works"}),
    # Names, citation counts, merged ids and works are not hideable (docs/privacy.md), and only imports write them.
    "Author": frozenset({"id", "name", "citedByCount", "hIndex", "isStub", "mergedIds", "worksByYear", "works"}),
}
PROFILES_KEPT = 256
CACHE_HEADER = "x-peergraph-cache"  # "hit" or "miss" on the answers the cache looked up
# The versions' read gets one attempt of at most this long: when Neo4j is slow or down the request runs as it
# would without the cache, and says what is wrong itself.
VERSIONS_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class DocumentProfile:
    """What the cache needs to know of a document: may its answer be kept, and does it read account data."""

    query: bool  # the operation run is a query (mutations and subscriptions are never kept)
    social: bool  # it selects a field outside GRAPH_ONLY


@dataclass(frozen=True)
class Versions:
    graph: str | None
    social: str | None


@dataclass(frozen=True)
class Kept:
    body: bytes
    cost: int | None  # the estimate, for the access line of a hit


class _SocialFields(Visitor):
    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.social = False

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent = self.type_info.get_parent_type()
        name = node.name.value
        if parent is None or name.startswith("__"):
            return  # introspection and __typename are the schema's own
        parent_name = get_named_type(parent).name
        if parent_name not in GRAPH_ONLY:
            self.social = True
            return
        fields = GRAPH_ONLY[parent_name]
        if fields is not None and name not in fields:
            self.social = True


def profile_of(schema: GraphQLSchema, text: str, operation_name: str | None) -> DocumentProfile:
    """The profile of `text` run as `operation_name`; a document that does not parse or names no such operation is
    not a query to keep (its answer has errors anyway)."""
    try:
        document = parse(text)
    except GraphQLError:
        return DocumentProfile(query=False, social=True)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [op for op in operations if operation_name is None or (op.name and op.name.value == operation_name)]
    if len(chosen) != 1 or chosen[0].operation != OperationType.QUERY:
        return DocumentProfile(query=False, social=True)
    type_info = TypeInfo(schema)
    fields = _SocialFields(type_info)
    visit(document, TypeInfoVisitor(type_info, fields))  # every operation and fragment: social if any part is
    return DocumentProfile(query=True, social=fields.social)


class ResponseCache:
    """Answers by (document, operation, variables, versions); at most `max_bytes` of them, each for `ttl` s."""

    def __init__(self, schema: GraphQLSchema, *, max_bytes: int, ttl_seconds: float) -> None:
        self.schema = schema
        self._answers: TTLCache[tuple[Any, ...], Kept] = TTLCache(
            maxsize=max_bytes, ttl=ttl_seconds, getsizeof=lambda kept: len(kept.body)
        )
        self._profiles: OrderedDict[tuple[str, str | None], DocumentProfile] = OrderedDict()

    def profile(self, text: str, operation_name: str | None) -> DocumentProfile:
        key = (text, operation_name)
        found = self._profiles.get(key)
        if found is None:
            found = self._profiles[key] = profile_of(self.schema, text, operation_name)
            if len(self._profiles) > PROFILES_KEPT:
                self._profiles.popitem(last=False)
        else:
            self._profiles.move_to_end(key)
        return found

    @staticmethod
    def key(
        text: str, operation_name: str | None, variables: dict[str, Any] | None, versions: Versions, social: bool
    ) -> tuple[Any, ...]:
        canonical = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        return (text, operation_name, canonical, versions.graph, versions.social if social else None)

    def get(self, key: tuple[Any, ...]) -> Kept | None:
        return self._answers.get(key)

    def keep(self, key: tuple[Any, ...], kept: Kept) -> None:
        if len(kept.body) <= self._answers.maxsize:  # one bigger than the whole cache is not kept
            self._answers[key] = kept


class SharedVersions:
    """The versions' reads of one process, shared: a lookup takes the result of a read that began after the lookup
    arrived (so it sees every write committed before the request came), and all the lookups that arrived before
    a read began share it; one read in flight at a time. Under 16 concurrent anonymous readers this turns a round
    trip per request into about one per round trip's time, and never serves an answer older than a write that
    committed before the request arrived."""

    def __init__(self) -> None:
        self._read: asyncio.Future[Versions | None] | None = None
        self._began = 0.0

    async def read(self, driver: AsyncDriver, settings: Settings, request: Request) -> Versions | None:
        arrived = time.monotonic()
        while True:
            current = self._read
            if current is not None and self._began >= arrived:
                return await asyncio.shield(current)  # one caller leaving does not cancel the others' read
            if current is not None and not current.done():
                with contextlib.suppress(Exception):
                    await asyncio.shield(current)  # began before this request came: wait, then take the next
                continue
            self._began = time.monotonic()
            RESPONSE_CACHE_VERSION_READS.inc()
            self._read = asyncio.ensure_future(read_versions(driver, settings, request))
            return await asyncio.shield(self._read)


async def read_versions(driver: AsyncDriver, settings: Settings, request: Request) -> Versions | None:
    """The graph's and the accounts' versions now (one round trip, read access); None when Neo4j does not answer."""
    deadline: float | None = getattr(request.state, "deadline", None)
    timeout = VERSIONS_TIMEOUT_SECONDS
    if deadline is not None:
        timeout = min(timeout, deadline - time.monotonic())
    if timeout <= 0:
        return None
    try:
        async with driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS) as session:
            result = await session.run(Query(VERSIONS, timeout=timeout))
            record = await result.single(strict=True)
    except (Neo4jError, DriverError, OSError):
        return None
    return Versions(record["graph"], record["social"])
