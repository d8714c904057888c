"""Compiled answers for three root fields: a `work(id:)` selection made only of fields this module knows (the
contract's WorkDetail is one) is answered from one Cypher statement (cypher/work/detail.cypher), and so is an
`author(id:)` selection of its id and one page of its coauthors (the contract's Coauthors:
cypher/author/coauthors_compiled.cypher), any other `author(id:)` selection of known fields (the contract's
ResearcherProfile: the profile loader's row, cypher/author/profile.cypher, the one the general path's lookahead reads)
and `graphSlice` (cypher/graph/slice.cypher); the answer is built straight from the rows as dicts and lists: no
Strawberry object, no graphql-core step per field.

ResearcherProfile (ordinary author, 100k works) before it: ~100 graphql-core field executions and ~25 async resolvers
a request (trust and its factors, counts, the social fields, three pages), half of the server's CPU; compiled, the
API's CPU went 3.0 -> 1.6 ms a request and c=16 throughput 330 -> 513-563 req/s (autocannon, the dev graph).

Measured before it (cProfile on `peergraph serve`, WorkDetail of the 5,103-authorship work): three Neo4j round trips
(the work, its authorships, its topics), the driver decoding ~5,000 nested author maps, then a Strawberry object per
authorship, author and institution and the plain-fields shortcut's completion of each (schema/execution.py). For
Coauthors(first: 50) of an ordinary author at 100k works, the general path's statement (profile.cypher) walked each
coauthor's works and topics twice, and the answer took ~4 ms of the server's CPU.

What it answers is the general executor's answer, which stays the reference (tests/api/test_compiled.py compares
both, body for body, on many sample ids): each leaf goes through the same coercion
as the shortcut's (`_leaf_plan`: a null in a non-null field or a value of the wrong type raises), and each getter
mirrors the resolver it stands for (schema/work.py: `Authorship.from_row`, `Work.venue` / `abstract` / `topics` /
`publicationDate`; loaders/work.py: the places of an author listed again; schema/connection.py: `Connection.build`,
`PageInfo.of`, the offset cursors; schema/author.py and accounts/: the profile's fields). Anything else goes the
general way, decided before the statement is sent: a field not in the tables below (in the work's and the coauthors'
statements any hideable one among them: an author's ORCID iD, affiliation, topics), an entity field with a resolver
of its own, arguments on a subfield (but the author's pages), two different pages of one field, @defer/@stream,
interfaces, a `doi:` or `orcid:` lookup, an id of another kind, a bad `first` or `after`, a resolver middleware; for
the Coauthors statement, an author whose ranking this process keeps (loaders/rankings.py: the profile's plan reads
the kept ranking). After it: no row (an unknown or merged id: the general path looks up the survivor and says null),
an author with a ranking big enough to keep (the Coauthors statement: the general path walks and keeps it), a
claimant showing an institution of their choice (the profile: the general path reads it), or any value the plan
refuses; a failed read is the field's error, located as the general path locates it (reading again would only wait
out a second retry budget). The work's statement reads nothing a claimant may hide and takes no `$viewer`; the
profile's row is the one the general path reads, as the request's viewer may see it (any viewer); the coauthors'
statement applies the viewer's rule (fragments/hidden_fields) exactly where profile.cypher does: the collaborators
and shared topics, as the viewer may see them.

`PEERGRAPH_COMPILED_DOCUMENTS=false` turns it off.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Awaitable, Callable
from types import CodeType
from typing import TYPE_CHECKING, Any, LiteralString, NamedTuple

from cachetools import LRUCache
from graphql import GraphQLLeafType, GraphQLList, GraphQLNonNull, GraphQLObjectType
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path

import cypher.author as author_q
import cypher.graph as graph_q
import cypher.work as work_q
from accounts.social import social_of
from accounts.trust import inputs_from_row, snapshot
from ingest.ids import parse_id
from loaders.gateway import ReadGateway
from loaders.paging import Page
from loaders.profile import ProfileRow, Window, page_of, profile_key
from resolvers.graph import MAX_SLICE_LIMIT, SLICE_KINDS
from schema.author import AffiliationStatus
from schema.connection import PageInfo, encode_cursor, page_window
from schema.execution import (
    MAX_INT,
    MIN_INT,
    Complete,
    NotPlain,
    PlainFieldsExecutionContext,
    non_null_of,
    returned_unchanged,
)
from schema.graph import GraphEdgeType
from schema.node import EntityKind
from schema.prefetch import FACT_FIELDS, PAGE_FIELDS

if TYPE_CHECKING:
    from graphql import FieldNode, GraphQLOutputType

log = logging.getLogger("peergraph.compiled")
Table = dict[str, dict[str, str]]


def _keys(*names: str) -> dict[str, str]:
    return {name: f"raw.get({name!r})" for name in names}


# The fields compiled on each type, per root field: a Python expression reading the field's value from `raw`, the
# type's raw value (these constants are the only code the plans are made of: response names and values reach them as
# data). Work, Authorship, WorkTopic, the coauthors' connection, edge and page info stand for resolvers and
# constructors (mirrored here); the other types are entities whose fields must be plain data in the schema (FromRow:
# the row's key of the GraphQL name), checked when a plan is made.
_INSTITUTION = _keys("id", "name", "countryCode", "ror", "type")  # the institution fragment's map
_TOPIC = _keys("id", "name", "subfield", "field", "domain")  # the topic fragment's map
WORK_FIELDS: Table = {
    # the map of work/get_by_ids, with `authorships` and `topics` put there by _work_value; Work.venue, .abstract and
    # .publication_date read the row's keys
    "Work": {
        **_keys("id", "title", "type", "year", "doi", "citedByCount", "language", "venue", "abstract"),
        "publicationDate": "raw.get('publicationDate')",
        "authorships": "raw['authorships']",
        "topics": "raw['topics']",
    },
    # [order, isCorresponding, positionLabel, rawAuthorName, [institution map], authorId, authorName, ...]: a row of
    # cypher/work/detail.cypher's `linked` (or one made like it by _work_value), read as Authorship.from_row reads
    # its row; the author is the same list (authorId null for an unlinked authorship)
    "Authorship": {
        "position": "int(raw[0]) + 1",
        "isCorresponding": "bool(raw[1])",
        "positionLabel": "raw[2]",
        "rawAuthorName": "raw[3]",
        "author": "(None if raw[5] is None else raw)",
        "institutions": "raw[4]",
    },
    "Author": {"id": "raw[5]", "name": "raw[6]"},
    "WorkTopic": {"score": "raw.get('score')", "topic": "raw['topic']"},  # WorkTopic(score=, topic=Topic.from_row)
    "Institution": _INSTITUTION,
    "Topic": _TOPIC,
    "Source": _keys("id", "name", "issnL", "type"),  # the source fragment's map
}
# The author of `author(id:)` itself: its id and `coauthors(first:, after:)`, the one page the statement reads (the
# value _coauthors_value makes); nothing else of it is compiled.
AUTHOR_ROOT = {"id": "raw['id']", "coauthors": "raw['coauthors']"}
_PAGE_INFO = {  # a PageInfo, made by PageInfo.of as Connection.build makes it
    "hasNextPage": "raw.has_next_page",
    "hasPreviousPage": "raw.has_previous_page",
    "startCursor": "raw.start_cursor",
    "endCursor": "raw.end_cursor",
}
COAUTHORS_FIELDS: Table = {
    # CoauthorConnection.build: totalCount is the page's total, nodes the edges' nodes
    "CoauthorConnection": {
        "totalCount": "raw['totalCount']",
        "pageInfo": "raw['pageInfo']",
        "edges": "raw['edges']",
        "nodes": "[edge['author'] for edge in raw['edges']]",
    },
    "PageInfo": _PAGE_INFO,
    # CoauthorEdge.from_row: a row of the statement's page, its cursor put there by _coauthors_value
    "CoauthorEdge": {
        "cursor": "raw['cursor']",
        "sharedWorkCount": "raw['sharedWorkCount']",
        "sharedTopics": "raw['sharedTopics']",
        "node": "raw['author']",
    },
    "Author": _keys("id", "name", "citedByCount", "hIndex", "isStub"),  # the statement's author map
    "Topic": _TOPIC,
}
# `author(id:)` as the researcher's page asks for it (the contract's ResearcherProfile): a row of
# cypher/author/profile.cypher read through the request's profile loader, as the general path reads it (the value
# _profile_value makes: `a` the author row, the facts' social side and trust, the pages asked for). Each getter
# mirrors its resolver in schema/author.py (Author, AuthorCounts: the facts; accounts/social.py: social_of, the
# trust snapshot), schema/connection.py (the works' connection) and schema/work.py (Work.venue: the row's key).
AUTHOR_PROFILE = {
    "id": "raw['a']['id']",
    "name": "raw['a'].get('name')",
    "orcid": "raw['a'].get('orcid')",
    "citedByCount": "raw['a'].get('citedByCount')",
    "hIndex": "raw['a'].get('hIndex')",
    "isStub": "bool(raw['a'].get('isStub'))",
    "worksCount": "raw['a'].get('worksCount')",
    "mergedIds": "(raw['a'].get('mergedIds') or [])",
    "affiliation": "raw['a'].get('lastKnown')",  # no institution the claimant chose (else: the general way)
    "affiliationStatus": "raw['status']",
    "openToCollaborate": "raw['social'].open_to_collaborate",
    "claimed": "raw['social'].claimed",
    "viewerIsFollowing": "raw['social'].viewer_is_following",
    "trust": "raw['trust']",
    "counts": "raw['counts']",
    "topics": "raw['topics']",
    "closeCollaborators": "raw['closeCollaborators']",
    "coauthors": "raw['coauthors']",
    "works": "raw['works']",
}
PROFILE_FIELDS: Table = {
    "Trust": {
        "score": "raw.score",
        "label": "raw.label",
        "verificationLevel": "raw.verification_level",
        "factors": "raw.factors",
    },
    "TrustFactor": {"name": "raw.name", "points": "raw.points", "detail": "raw.detail"},
    "AuthorCounts": _keys("works", "followers", "topics", "closeCollaborators"),
    "AuthorTopic": {"workCount": "raw['workCount']", "topic": "raw['topic']"},
    "Collaborator": {
        "sharedWorkCount": "raw['sharedWorkCount']",
        "sharedTopics": "raw['sharedTopics']",
        "author": "raw['author']",
    },
    "CoauthorConnection": COAUTHORS_FIELDS["CoauthorConnection"],
    "CoauthorEdge": COAUTHORS_FIELDS["CoauthorEdge"],
    "WorkConnection": {
        "totalCount": "raw['totalCount']",
        "pageInfo": "raw['pageInfo']",
        "edges": "raw['edges']",
        "nodes": "[edge['node'] for edge in raw['edges']]",
    },
    "WorkEdge": {"cursor": "raw['cursor']", "node": "raw['node']"},
    "PageInfo": _PAGE_INFO,
    # the work fragment's map (fragments/work.cypher: the venue's key always there)
    "Work": {**_keys("id", "title", "type", "year", "doi", "citedByCount", "language"), "venue": "raw.get('venue')"},
    # the author fragment's map of a coauthor (its ORCID iD null where hidden), as Author.from_row reads it
    "Author": {**_keys("id", "name", "citedByCount", "hIndex", "orcid"), "isStub": "bool(raw.get('isStub'))"},
    "Institution": _INSTITUTION,
    "Topic": _TOPIC,
    "Source": WORK_FIELDS["Source"],
}
# The paged fields of the profile (schema/prefetch.py's PAGE_FIELDS): the part of the profile row each reads (its rows
# and `<part>Total`).
_PROFILE_PAGES = {"topics": "topics", "closeCollaborators": "coauthors", "coauthors": "coauthors", "works": "works"}
# `graphSlice(center:, depth:, limit:)`: a row of cypher/graph/slice.cypher, read as GraphSlice.from_row reads it
# (KIND and EDGE map the row's labels and relationship types to the enums' members, as EntityKind(...) and
# GraphEdgeType[...] do there; an unknown one raises, and the general path says it).
SLICE_FIELDS: Table = {
    "GraphSlice": {
        "truncated": "raw['reached'] > len(raw['nodes'])",
        "nodes": "raw['nodes']",
        "edges": "raw['edges']",
    },
    "GraphNode": {
        "id": "raw['id']",
        "kind": "KIND[raw['kind']]",
        "label": "raw['label']",
        "distance": "raw['distance']",
    },
    "GraphEdge": {
        "id": "f\"{raw['source']}-{raw['type']}-{raw['target']}\"",
        "source": "raw['source']",
        "target": "raw['target']",
        "type": "EDGE[raw['type']]",
        "weight": "float(raw['weight'])",
    },
}
_KINDS = {kind.value: kind for kind in EntityKind}
_EDGES = {edge.name: edge for edge in GraphEdgeType}
_DATA_TYPES = frozenset({"Author", "Institution", "Topic", "Source"})
FieldArgs = tuple[GraphQLObjectType, Any, FieldDetailsList, Path, Any]  # execute_field's, for the general path


class CompiledExecutionContext(PlainFieldsExecutionContext):
    """The execution context when compiled documents are on (schema/__init__.py), with the plain-fields shortcut."""

    _labels = False  # while a work plan is made: whether it reads an authorship's positionLabel or rawAuthorName
    _fields: Table = WORK_FIELDS  # while a plan is made: the tables of its root field

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        if path.prev is None and parent_type is self.schema.query_type and path.key is not None:
            name = field_details_list[0].node.name.value
            make = _PLANS.get(name)
            plan = None if make is None else make(self, parent_type, field_details_list)
            if plan is not None:
                return self._compiled(plan, (parent_type, source, field_details_list, path, position_context))
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def _root_arguments(
        self, query_type: GraphQLObjectType, name: str, field_details_list: FieldDetailsList
    ) -> tuple[Any, dict[str, Any]] | None:
        """The root field's definition and arguments, when a plan may answer it: one node, no resolver middleware,
        no @defer or @stream, arguments the general path would accept."""
        if len(field_details_list) != 1 or (
            self.middleware_manager is not None and self.middleware_manager.middlewares
        ):
            return None
        node = field_details_list[0].node
        if node.directives and any(d.name.value in ("defer", "stream") for d in node.directives):
            return None
        field_def = query_type.fields[name]
        try:
            return field_def, get_argument_values(field_def, node, self.variable_values)
        except Exception:  # the general path reports a bad argument
            return None

    def _root_field(
        self, query_type: GraphQLObjectType, name: str, field_details_list: FieldDetailsList, *, other: str
    ) -> tuple[GraphQLObjectType, str] | None:
        """The root field's object type and the short id of its `id` argument (of the field's kind: `work`, `author`),
        when a plan may answer it (not when the alternate key `other` is given)."""
        found = self._root_arguments(query_type, name, field_details_list)
        if found is None:
            return None
        field_def, arguments = found
        short = _short_id(arguments, name, other=other)
        return (field_def.type, short) if isinstance(field_def.type, GraphQLObjectType) and short else None

    def _work_plan(self, query_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> _Plan | None:
        root = self._root_field(query_type, "work", field_details_list, other="doi")
        if root is None:
            return None
        work_type, work_id = root
        self._fields = WORK_FIELDS
        complete = self._root_plan(work_type, field_details_list)
        if complete is None:
            return None
        return _Plan(work_q.DETAIL, {"id": work_id, "labels": self._labels}, complete, _work_value)

    def _author_plan(self, query_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> _Plan | None:
        """`author(id:)`: the Coauthors statement for its id and one page of coauthors, else the profile's (the root
        and the pages read once for both)."""
        root = self._root_field(query_type, "author", field_details_list, other="orcid")
        if root is None:
            return None
        author_type, author_id = root
        selection = self._author_selection(author_type, field_details_list)
        if selection is None:
            return None
        windows, facts = selection
        if set(windows) == {"coauthors"}:
            plan = self._coauthors_plan(author_type, author_id, field_details_list, windows["coauthors"])
            if plan is not None:
                return plan
        return self._profile_plan(author_type, author_id, field_details_list, windows, facts=facts)

    def _coauthors_plan(
        self, author_type: GraphQLObjectType, author_id: str, field_details_list: FieldDetailsList, window: Window
    ) -> _Plan | None:
        rankings = self.context_value.loaders.rankings
        if rankings.get(author_id) is not None:
            return None  # a kept ranking: the profile's statement reads only its page's coauthors
        self._fields = COAUTHORS_FIELDS
        complete = self._root_plan(author_type, field_details_list, own=AUTHOR_ROOT)
        if complete is None:
            return None
        skip, limit = window
        # with no cache, every ranking is a top-k walk (loaders/profile.py), so the statement answers any author
        smallest = rankings.min_coauthors if rankings.enabled else 2**62
        params = {"id": author_id, "skip": skip, "limit": limit, "rankingMin": smallest}
        return _Plan(author_q.COAUTHORS_COMPILED, params, complete, lambda row: _coauthors_value(row, skip))

    def _profile_plan(
        self,
        author_type: GraphQLObjectType,
        author_id: str,
        field_details_list: FieldDetailsList,
        windows: dict[str, Window],
        *,
        facts: bool,
    ) -> _Plan | None:
        """The author's page (ResearcherProfile and the like) from the profile loader's row, under the key the
        general path's lookahead (schema/prefetch.py) makes of the same selection: a handed-over answer finds it
        loaded. Any viewer: the row is as the viewer may see it (the gateway gives the statement the request's
        audience)."""
        self._fields = PROFILE_FIELDS
        complete = self._root_plan(author_type, field_details_list, own=AUTHOR_PROFILE)
        if complete is None:
            return None
        pages: dict[str, list[Window]] = {}  # the windows per paged loader, as the lookahead lists them
        for name, window in windows.items():
            pages.setdefault(PAGE_FIELDS[name][0], []).append(window)
        parts = {name: (window, pages[PAGE_FIELDS[name][0]]) for name, window in windows.items()}
        key = profile_key(author_id, facts=facts, pages=pages)
        profile = self.context_value.loaders.profile
        return _Plan(None, {}, complete, lambda row: _profile_value(row, parts), read=lambda: profile.load(key))

    def _slice_plan(self, query_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> _Plan | None:
        """`graphSlice` with arguments slice_around accepts (any other: the general path says what is wrong)."""
        found = self._root_arguments(query_type, "graphSlice", field_details_list)
        if found is None:
            return None
        field_def, arguments = found
        center, depth, limit = arguments.get("center"), arguments.get("depth"), arguments.get("limit")
        parsed = parse_id(center) if isinstance(center, str) else None
        if (
            parsed is None
            or parsed[0] not in SLICE_KINDS
            or depth not in (1, 2)
            or type(limit) is not int
            or not 1 <= limit <= MAX_SLICE_LIMIT
        ):
            return None
        slice_type = field_def.type
        if not isinstance(slice_type, GraphQLObjectType):
            return None
        self._fields = SLICE_FIELDS
        complete = self._root_plan(slice_type, field_details_list)
        if complete is None:
            return None
        params = {"center": parsed[1], "depth": depth, "limit": limit}
        return _Plan(graph_q.SLICE, params, complete, returned_row)

    def _author_selection(
        self, author_type: GraphQLObjectType, details_list: FieldDetailsList
    ) -> tuple[dict[str, Window], bool] | None:
        """(skip, limit) of the one page each paged field of the author's selection asks for, and whether it selects
        a field of the author's facts (None: two different pages of one field, or a bad argument: the general path
        reports it)."""
        grouped, new_defer_usages, forbidden = self.collect_subfields(author_type, details_list)
        if new_defer_usages or forbidden:
            return None
        windows: dict[str, Window] = {}
        facts = False
        for details in grouped.values():
            node = details[0].node
            name = node.name.value
            facts = facts or name in FACT_FIELDS
            if name not in PAGE_FIELDS:
                continue
            try:
                arguments = get_argument_values(author_type.fields[name], node, self.variable_values)
                window = page_window(arguments.get("first"), arguments.get("after"))
            except Exception:  # the general path reports it
                return None
            if windows.setdefault(name, window) != window:
                return None
        return windows, facts

    def _root_plan(
        self, object_type: GraphQLObjectType, details_list: FieldDetailsList, own: dict[str, str] | None = None
    ) -> Complete | None:
        """The root field's plan (None: it goes the general way), made once per process for each selection: the same
        document text parses to the same nodes (the parser cache), and what else a plan depends on is the schema and
        the Boolean variables (@include / @skip). Making WorkDetail's plan each time took ~15% of the server's CPU per
        request (cProfile under load, a normal work)."""
        nodes = tuple(d.node for d in details_list)
        switches = tuple((k, v) for k, v in self.variable_values.coerced.items() if v is None or type(v) is bool)
        key = (id(self.schema), id(self._fields), *map(id, nodes), switches)
        kept = _ROOT_PLANS.get(key)
        if (
            kept is not None
            and kept.schema is self.schema
            and all(a is b for a, b in zip(kept.nodes, nodes, strict=True))
        ):
            self._labels = kept.labels
            return kept.complete
        self._labels = False
        complete = self._compiled_object(object_type, details_list, own)
        _ROOT_PLANS[key] = _RootPlan(self.schema, nodes, complete, self._labels)
        return complete

    def _compiled_object(
        self, object_type: GraphQLObjectType, details_list: FieldDetailsList, own: dict[str, str] | None = None
    ) -> Complete | None:
        """The plan of an object: each field's getter from the tables (or `own`, a root's, whose fields may have the
        arguments the plan read), completed as its type says."""
        getters = own if own is not None else self._fields.get(object_type.name)
        if getters is None:
            return None
        grouped, new_defer_usages, forbidden = self.collect_subfields(object_type, details_list)
        if new_defer_usages or forbidden:
            return None
        names: dict[str, Any] = {"NotPlain": NotPlain, "MIN": MIN_INT, "MAX": MAX_INT, "KIND": _KINDS, "EDGE": _EDGES}
        lines: list[str] = []
        for i, (response_name, details) in enumerate(grouped.items()):
            names[f"K{i}"] = response_name
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                names[f"c{i}"] = object_type.name
                lines.append(f"    v{i} = c{i}")
                continue
            expression = getters.get(name)
            field_def = object_type.fields.get(name)
            read = own is not None and bool(field_def and field_def.args)  # the plan read this root field's arguments
            if expression is None or field_def is None or any(_unusual(d.node, read) for d in details):
                return None
            # a root's own getters mirror its resolvers; an entity elsewhere is its row's plain data
            if own is None and object_type.name in _DATA_TYPES and not getattr(field_def.resolve, "_is_default", False):
                return None
            if object_type.name == "Authorship" and name in ("positionLabel", "rawAuthorName"):
                self._labels = True
            type_ = field_def.type
            non_null = isinstance(type_, GraphQLNonNull)
            inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
            lines.append(f"    v{i} = {expression}")
            if isinstance(inner, GraphQLLeafType):
                names[f"c{i}"] = self._leaf_plan(inner, non_null=non_null)
                same = returned_unchanged(inner)
                if same is not None:  # the leaf's own coercion, for the values it would return unchanged
                    wrong = f"type(v{i}) is not {same.__name__}"
                elif inner.name == "Int":  # the built-in Int: a schema has one type per name
                    wrong = f"type(v{i}) is not int or not MIN <= v{i} <= MAX"
                else:
                    lines.append(f"    v{i} = c{i}(v{i})")
                    continue
                lines.append(f"    if {wrong if non_null else f'v{i} is not None and ({wrong})'}:")
                lines.append(f"        v{i} = c{i}(v{i})")
                continue
            complete = self._compiled_value(type_, details)
            if complete is None:
                return None
            names[f"c{i}"] = complete
            lines.append(f"    v{i} = c{i}(v{i})")
        values = ", ".join(f"K{i}: v{i}" for i in range(len(grouped)))
        source = "def complete_object(raw):\n" + "\n".join(lines) + f"\n    return {{{values}}}\n"
        exec(_code(source, object_type.name), names)  # noqa: S102  # only the tables' code
        complete_object: Complete = names["complete_object"]
        return complete_object

    def _compiled_value(self, type_: GraphQLOutputType, details: FieldDetailsList) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            if isinstance(type_.of_type, GraphQLLeafType):
                return self._leaf_plan(type_.of_type, non_null=True)
            if isinstance(type_.of_type, GraphQLObjectType):
                required = self._compiled_object(type_.of_type, details)
                if required is None:
                    return None

                def non_null_object(value: Any) -> Any:
                    if value is None:
                        raise NotPlain
                    return required(value)

                return non_null_object
            inner = self._compiled_value(type_.of_type, details)
            return None if inner is None else non_null_of(inner)
        if isinstance(type_, GraphQLList):
            item = self._compiled_value(type_.of_type, details)
            if item is None:
                return None

            items_non_null = isinstance(type_.of_type, GraphQLNonNull)

            def list_of(value: Any) -> Any:
                if value is None:
                    return None
                if type(value) is not list or (items_non_null and None in value):
                    raise NotPlain
                return [item(v) for v in value]

            return list_of
        if isinstance(type_, GraphQLObjectType):
            object_plan = self._compiled_object(type_, details)
            if object_plan is None:
                return None

            def object_value(value: Any) -> Any:
                return None if value is None else object_plan(value)

            return object_value
        if isinstance(type_, GraphQLLeafType):
            return self._leaf_plan(type_, non_null=False)
        return None  # interfaces and unions: the general way

    async def _compiled(self, plan: _Plan, args: FieldArgs) -> Any:
        try:
            answer = await _attempt(plan, self.context_value.loaders.db)
        except Exception as error:  # the read failed: located and reported as any field's error
            Counts.failed_reads += 1
            parent_type, _, field_details_list, path, _ = args
            field = parent_type.fields[field_details_list[0].node.name.value]
            self.handle_field_error(error, field.type, field_details_list, path)
            return None
        if answer is not _FAILED:
            Counts.answered += 1
            return answer
        Counts.handed_over += 1
        general: AwaitableOrValue[Any] = super().execute_field(*args)
        return await general if self.is_awaitable(general) else general


_FAILED: Any = object()
_CODE: LRUCache[str, CodeType] = LRUCache(maxsize=512)


class _RootPlan(NamedTuple):
    """A root field's plan as made (complete None: the general way), with what it was made for, kept alive so that
    their ids in the key are not reused."""

    schema: Any
    nodes: tuple[Any, ...]
    complete: Complete | None
    labels: bool


_ROOT_PLANS: LRUCache[tuple[Any, ...], _RootPlan] = LRUCache(maxsize=512)


def _code(source: str, type_name: str) -> CodeType:
    """A plan's function, compiled once per process (compiling costs more than a small work's whole answer; the source
    is the tables' expressions and numbered names only, so the same selection shape gives the same source)."""
    code = _CODE.get(source)
    if code is None:
        code = _CODE[source] = compile(source, f"<compiled {type_name}>", "exec")
    return code


class Counts:
    """How many root fields (`work(id:)`, `author(id:)`) this process answered compiled, and how many it handed to the
    general executor after trying (tests read them to know which path answered)."""

    answered = 0
    handed_over = 0
    failed_reads = 0


def _unusual(node: FieldNode, arguments_read: bool = False) -> bool:
    """Arguments (unless the plan read them), or a directive other than @include / @skip (already applied when the
    fields were collected)."""
    return (bool(node.arguments) and not arguments_read) or any(
        d.name.value not in ("include", "skip") for d in node.directives or ()
    )


def _short_id(arguments: dict[str, Any], kind: str, *, other: str) -> str | None:
    """The short id of an `id` argument of `kind` (None: another kind, not an id, or the `other` key given)."""
    given = arguments.get("id")
    if arguments.get(other) is not None or not isinstance(given, str):
        return None
    parsed = parse_id(given)
    return parsed[1] if parsed is not None and parsed[0] == kind else None


class _Plan:
    """A compiled root field: its statement and parameters, the raw value a row makes (or _FAILED) and its plan."""

    __slots__ = ("complete", "params", "read", "statement", "value")

    def __init__(
        self,
        statement: LiteralString | None,
        params: dict[str, Any],
        complete: Complete,
        value: Callable[[Any], Any],
        read: Callable[[], Awaitable[Any]] | None = None,
    ) -> None:
        self.statement = statement  # None: `read` gives the row (or None)
        self.params = params
        self.complete = complete
        self.value = value
        self.read = read


async def _attempt(plan: _Plan, db: ReadGateway) -> Any:
    """The compiled answer, or _FAILED: no row (unknown or merged id), a row the general path must answer, a value the
    plan refuses. A failed read raises: the general executor would send the same read again and wait out its retries a
    second time (Neo4j down: two 0.5 s budgets, over the 1 s the API promises), so it is the field's error as the
    general path says it.
    """
    if plan.read is not None:
        found = await plan.read()
        rows = [] if found is None else [found]
    else:
        assert plan.statement is not None
        rows = await db.rows(plan.statement, **plan.params)
    if len(rows) != 1:
        return _FAILED
    try:
        raw = plan.value(rows[0])
        return _FAILED if raw is _FAILED else plan.complete(raw)
    except Exception:  # whatever failed, the general executor says it the way it always does
        log.debug("compiled root field handed to the general executor", exc_info=True)
        return _FAILED


def _coauthors_value(row: dict[str, Any], skip: int) -> Any:
    """The author's id and its page of coauthors as Connection.build makes it (offset cursors from `skip`, the page
    info of a page with its total), or _FAILED for an author whose ranking the general path keeps."""
    rows: list[dict[str, Any]] | None = row["page"]
    if rows is None:
        return _FAILED
    for i, coauthor in enumerate(rows):
        coauthor["cursor"] = encode_cursor(skip + i)
    page = Page(rows, skip, row["total"])
    connection = {"totalCount": row["total"], "pageInfo": PageInfo.of(skip, len(rows), page.has_next), "edges": rows}
    return {"id": row["id"], "coauthors": connection}


_STATUS = {True: AffiliationStatus.KNOWN, False: AffiliationStatus.NOT_IMPORTED}


def _profile_value(row: ProfileRow, parts: dict[str, tuple[Window, list[Window]]]) -> Any:
    """The author row with its social side, trust, counts and the asked pages, as the general path's resolvers make
    them from the same row (each page cut from its loader's covering window as load_profile primes it; the edges
    are new maps: the loader's rows stay as the general path reads them). _FAILED for an author whose claimant shows
    an institution of their choice (the general path reads that institution)."""
    author = row["author"]
    if author.get("shownAffiliationId") is not None:
        return _FAILED
    facts = row["facts"]
    social = social_of(facts)
    hidden = "AFFILIATION" in author.get("hidden", ())
    raw: dict[str, Any] = {
        "a": author,
        "social": social,
        "trust": snapshot(inputs_from_row(facts)),
        "status": AffiliationStatus.HIDDEN if hidden else _STATUS[author.get("lastKnown") is not None],
        "counts": {
            "works": 0 if facts is None else int(facts["works"]),
            "followers": social.followers,
            "topics": 0 if facts is None else int(facts["topics"]),
            "closeCollaborators": 0 if facts is None else int(facts["coauthors"]),
        },
    }
    for name, (window, windows) in parts.items():
        part = _PROFILE_PAGES[name]
        page: Page[Any] = page_of(windows, window, row[f"{part}Total"], row[part])  # type: ignore[literal-required]
        if name in ("topics", "closeCollaborators"):
            raw[name] = page.rows
            continue
        cursors = [encode_cursor(page.skip + i) for i in range(len(page.rows))]
        if name == "coauthors":
            edges = [{**r, "cursor": c} for c, r in zip(cursors, page.rows, strict=True)]
        else:
            edges = [{"cursor": c, "node": r} for c, r in zip(cursors, page.rows, strict=True)]
        pageinfo = PageInfo.of(page.skip, len(edges), page.has_next)
        raw[name] = {"totalCount": page.total, "pageInfo": pageinfo, "edges": edges}
    return raw


def _work_value(row: dict[str, Any]) -> dict[str, Any]:
    """The work's map with its authorships (in author order, each place of an author listed again, then the unlinked
    ones: as loaders/work.py lists them) and topics. The statement's `linked` rows become the authorships in place:
    their institution ids are replaced by the institutions' maps (ids not in the graph left out)."""
    institutions = {i["id"]: i for i in row["institutions"]}
    ships: list[list[Any]] = row["linked"]
    later: list[list[Any]] = []
    for ship in ships:
        ids = ship[4]
        if ids:
            ship[4] = [institutions[i] for i in ids if i in institutions]
        more = ship[7]
        if more is not None:
            orders, corresponding, labels, raw_names, more_ids, counts = more
            start = 0
            for k, order in enumerate(orders):
                places = more_ids[start : start + counts[k]]
                start += counts[k]
                places_known = [institutions[i] for i in places if i in institutions]
                later.append(
                    [
                        order,
                        corresponding[k],
                        labels[k] or None,
                        raw_names[k] or None,
                        places_known,
                        ship[5],
                        ship[6],
                        None,
                    ]
                )
    ships.extend(later)
    for name, order in zip(row["unlinkedNames"], row["unlinkedOrders"], strict=False):
        ships.append([order, False, None, name, [], None, None, None])
    ships.sort(key=operator.itemgetter(0))
    work = dict(row["work"])
    work["authorships"] = ships
    work["topics"] = row["topics"]
    return work


def returned_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row that is the answer's raw value as it is (the slice's)."""
    return row


_PLANS: dict[str, Callable[[CompiledExecutionContext, GraphQLObjectType, FieldDetailsList], _Plan | None]] = {
    "work": CompiledExecutionContext._work_plan,
    "author": CompiledExecutionContext._author_plan,
    "graphSlice": CompiledExecutionContext._slice_plan,
}


class CompiledOnlyExecutionContext(CompiledExecutionContext):
    """Compiled documents on, the plain-fields shortcut off."""

    shortcut = False


def execution_context_class(*, compiled: bool, shortcut: bool) -> type[PlainFieldsExecutionContext] | None:
    """The execution context of the settings' choice; None: Strawberry's own (the general executor alone)."""
    if compiled:
        return CompiledExecutionContext if shortcut else CompiledOnlyExecutionContext
    return PlainFieldsExecutionContext if shortcut else None
