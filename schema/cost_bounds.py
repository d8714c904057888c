"""What sizes each list of the schema, for the cost estimate (schema/cost.py): declared bounds, the fixed rules of
graphSlice and connection, and the introspection lists' sizes taken from the schema itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    GraphQLSchema,
    is_abstract_type,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
)

from resolvers.analytics import MAX_GROUPS
from resolvers.graph import MAX_HOPS, MAX_SEARCH_FIRST, MAX_SLICE_LIMIT
from resolvers.listing import MAX_AUTOCOMPLETE_FIRST

Args = dict[str, Any]

# Lists without an argument that sizes them: the largest of the bundled sample (data/sample, as the resolvers return
# them; tests/api/test_cost.py recomputes each from the input records), or what the code fixes.
DECLARED_BOUNDS: dict[str, int] = {
    "Work.authorships": 5_103,  # W1694905212 lists 5,103 authorships (5,091 distinct authors)
    "Authorship.institutions": 9,
    "Work.authorships.institutions": 333,  # over all of one work's authorships (the 5,103-author work names none)
    "Work.topics": 3,  # OpenAlex gives a work at most three topics
    "Work.funders": 104,  # the sample work naming the most funders
    "Publisher.lineage": 6,  # resolvers/analytics.py MAX_LINEAGE
    "Author.institutions": 141,
    "Author.worksByYear": 10,
    "Collaborator.sharedTopics": 13,
    "CoauthorEdge.sharedTopics": 13,
    "PathHop.works": 13,  # the works two coauthors share
    "GraphSlice.edgesPerNode": 4,  # per node it may keep (`limit`): at most 3.82 over 4,231 centers, limits 1-500
    "Trust.factors": 8,  # accounts/trust.py lists eight
    "Query.claimHistory": 100,  # claims of one author, kept by admins: declared, not enforced
    "ImportRecordsPayload.rejected": 5_000,  # at most the records of one call
    "ImportRecordsPayload.entities": 8,  # one per entity kind
}
# The arguments that size lists (only fields with one have their arguments resolved: ~40% of an estimate's time).
SIZING = frozenset({"first", "limit", "maxHops"})
# A list sized by `first` allows at most MAX_FIRST items, except these.
FIRST_MAXIMA = {"Query.search": MAX_SEARCH_FIRST, "Query.autocomplete": MAX_AUTOCOMPLETE_FIRST}


def clamp(value: object, low: int, high: int, default: int) -> int:
    number = value if isinstance(value, int) else default
    return max(low, min(number, high))


def _slice_nodes(args: Args, bounds: Mapping[str, int]) -> int:
    return clamp(args.get("limit"), 1, MAX_SLICE_LIMIT, 100)


def _slice_edges(args: Args, bounds: Mapping[str, int]) -> int:
    return _slice_nodes(args, bounds) * bounds["GraphSlice.edgesPerNode"]


def _path_authors(args: Args, bounds: Mapping[str, int]) -> int:
    return clamp(args.get("maxHops"), 0, MAX_HOPS, MAX_HOPS) + 1


def _path_links(args: Args, bounds: Mapping[str, int]) -> int:
    return clamp(args.get("maxHops"), 0, MAX_HOPS, MAX_HOPS)


def _groups(args: Args, bounds: Mapping[str, int]) -> int:
    """A facet's groups (and a collaborations' pairs): its `first`, at most 200 (resolvers/analytics.py)."""
    return clamp(args.get("first"), 0, MAX_GROUPS, 20)


# Lists sized by the arguments of the field that returned their parent object.
RULES: dict[str, Callable[[Args, Mapping[str, int]], int]] = {
    "WorkGroups.groups": _groups,
    "EntityGroups.groups": _groups,
    "Collaborations.pairs": _groups,
    "GraphSlice.nodes": _slice_nodes,
    "GraphSlice.edges": _slice_edges,
    "CoauthorPath.authors": _path_authors,
    "CoauthorPath.links": _path_links,
}


def introspection_bounds(schema: GraphQLSchema) -> dict[str, int]:
    """The introspection lists' sizes, from the schema itself: per item (the most of any) and in all."""
    types = list(schema.type_map.values())
    fielded = [t for t in types if is_object_type(t) or is_interface_type(t)]
    fields = [len(t.fields) for t in fielded]
    args = [sum(len(f.args) for f in t.fields.values()) for t in fielded]
    inputs = [len(t.fields) for t in types if is_input_object_type(t)]
    values = [len(t.values) for t in types if is_enum_type(t)]
    interfaces = [len(t.interfaces) for t in fielded]
    possible = [len(schema.get_possible_types(t)) for t in types if is_abstract_type(t)]
    directive_args = [len(d.args) for d in schema.directives]
    per_field_args = max(len(f.args) for t in fielded for f in t.fields.values())
    each_and_all = {
        "fields": fields,
        "inputFields": inputs,
        "enumValues": values,
        "interfaces": interfaces,
        "possibleTypes": possible,
    }
    bounds = {"__Schema.types": len(types), "__Schema.directives": len(schema.directives)}
    for name, sizes in each_and_all.items():
        bounds[f"__Type.{name}"] = max(sizes, default=0)
        bounds[f"__Schema.types.{name}"] = sum(sizes)
    bounds |= {
        "__Field.args": per_field_args,
        "__Type.fields.args": max(args, default=0),
        "__Schema.types.fields.args": sum(args),
        "__Directive.args": max(directive_args, default=0),
        "__Schema.directives.args": sum(directive_args),
    }
    return bounds
