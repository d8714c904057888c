"""Query cost: how many objects a document can return, estimated after validation and before any Cypher runs.

The estimate counts the objects (not scalars) the response's `data` could hold, as GitHub's GraphQL API counts the
nodes of its 500,000-node limit: an object field counts 1 per parent object, a list counts its bound per parent,
and what is selected inside is multiplied by those counts (the issue's 3-level `coauthors(first: 100)` query:
2,030,302). A list's bound is, in this order:
- `first` (from the variables or the literal, else the argument's default, else 20; at most 100, autocomplete 50):
  it sizes the list itself (`search`, `topics(first:)`) or the `edges` / `nodes` of the connection returned;
- a fixed rule on the arguments of the field above: `graphSlice(limit)` holds at most `limit` nodes and
  `limit` x GraphSlice.edgesPerNode edges, `connection(maxHops)` at most maxHops + 1 authors and maxHops links;
- a declared bound (DECLARED_BOUNDS, changed with PEERGRAPH_COST_LIST_BOUNDS): the bundled sample's largest such
  list. A three-part name bounds a list over all items of its parent list: "Work.authorships.institutions" is
  the institutions of all the authorships of one work;
- introspection lists: the schema's own counts (its types, the most fields of one type, all fields of all types).
An abstract type counts as its costliest possible type. Every response carries `extensions.cost`: {estimated,
actual (the objects in `data`), ceiling}.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any, cast

import orjson
from cachetools import LRUCache
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_composite_type,
    is_interface_type,
    is_list_type,
    is_object_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.utilities import get_operation_ast
from strawberry.types import ExecutionContext

from peergraph.errors import too_costly
from peergraph.observability import COST_ESTIMATED
from schema.connection import DEFAULT_FIRST, MAX_FIRST
from schema.cost_bounds import DECLARED_BOUNDS, FIRST_MAXIMA, RULES, SIZING, clamp, introspection_bounds

log = logging.getLogger("peergraph.api")
Args = dict[str, Any]
Frame = tuple[str, str, int]  # a field on the way down: (the type it is on, its name, the objects it returns in all)

# A document expanded through its fragments (each spread counted each time) has at most this many fields: a
# document of 2,000 tokens writes out at most ~1,000, and fragments spread twice in a chain would otherwise expand
# to 2^n fields (strawberry's depth limiter walks each expansion: 20 doublings took it minutes).
MAX_EXPANDED_FIELDS = 10_000
# Estimates kept per (document text, operation, variables) (CostEstimator.estimate_text): the entries are small
# (the texts are the parser cache's); variables longer than this are estimated each time.
KEPT_ESTIMATES = 1024
KEPT_VARIABLES_BYTES = 2048


class CostEstimator:
    """Estimates documents against one schema; refuses, when built, a schema with a list it cannot bound."""

    def __init__(self, schema: GraphQLSchema, overrides: Mapping[str, int] | None = None) -> None:
        unknown = sorted(set(overrides or {}) - set(DECLARED_BOUNDS))
        if unknown:
            raise ValueError(f"PEERGRAPH_COST_LIST_BOUNDS names no declared bound: {', '.join(unknown)}")
        self.schema = schema
        self.bounds = {**introspection_bounds(schema), **DECLARED_BOUNDS, **(overrides or {})}
        # Bounds over a parent list ("Work.authorships.institutions"), by the field they bound.
        self.totals: dict[str, list[tuple[str, tuple[str, ...], int]]] = {}
        for key, total in self.bounds.items():
            root, *chain, field = key.split(".")
            if chain:
                self.totals.setdefault(field, []).append((root, tuple(chain), total))
        self.paged = _paged_types(schema)
        self.kept: LRUCache[tuple[str, str | None, bytes], int] = LRUCache(maxsize=KEPT_ESTIMATES)
        unbounded = self.unbounded_lists()
        if unbounded:
            raise ValueError(f"lists without a cost bound (schema/cost.py): {', '.join(unbounded)}")

    def unbounded_lists(self) -> list[str]:
        """Every list of objects in the schema that neither `first`, a rule nor a declared bound sizes."""
        missing = []
        for type_ in self.schema.type_map.values():
            if not is_object_type(type_):
                continue
            for name, field in type_.fields.items():
                if _is_object_list(field) and self._static_size(type_.name, name, field) is None:
                    missing.append(f"{type_.name}.{name}")
        return missing

    def _static_size(self, type_name: str, name: str, field: GraphQLField) -> str | None:
        key = f"{type_name}.{name}"
        if "first" in field.args:
            return "first"
        if name in ("edges", "nodes") and type_name in self.paged:
            return "the connection's first"
        if key in RULES:
            return "rule"
        return "declared" if key in self.bounds else None

    def estimate_text(
        self, text: str | None, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None
    ) -> int:
        """`estimate`, kept per (document text, operation, variables): the explorer sends the same few documents with
        few variables, and walking the document again each request was ~5% of a small request's CPU (py-spy under
        load, GraphSlice). Equal texts parse to equal documents; variables past KEPT_VARIABLES_BYTES are not kept."""
        if text is None:
            return self.estimate(document, operation_name, variables)
        try:
            given = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b""
        except TypeError:  # not JSON values (a caller in-process): estimated each time
            return self.estimate(document, operation_name, variables)
        if len(given) > KEPT_VARIABLES_BYTES:
            return self.estimate(document, operation_name, variables)
        key = (text, operation_name, given)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = self.estimate(document, operation_name, variables)
        return found

    def estimate(self, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None) -> int:
        operation = get_operation_ast(document, operation_name)
        root = None if operation is None else self.schema.get_root_type(operation.operation)
        if operation is None or root is None:
            return 0
        coerced = get_variable_values(self.schema, operation.variable_definitions or (), dict(variables or {}))
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        walk = _Walk(self, fragments, coerced if isinstance(coerced, VariableValues) else None)
        return walk.selections(operation.selection_set, root, 1, (), {}, None)

    def per_parent(
        self, type_name: str, name: str, field: GraphQLField, args: Args, above: Args, page: int | None
    ) -> int:
        """How many items the list `type_name.name` holds for one parent object."""
        key = f"{type_name}.{name}"
        if "first" in field.args:
            return clamp(args.get("first"), 0, FIRST_MAXIMA.get(key, MAX_FIRST), DEFAULT_FIRST)
        if name in ("edges", "nodes") and page is not None:
            return page
        rule = RULES.get(key)
        return rule(above, self.bounds) if rule is not None else self.bounds[key]

    def capped(self, name: str, objects: int, path: tuple[Frame, ...]) -> int:
        """`objects`, at most what a bound over a parent list allows along `path`."""
        for root, chain, total in self.totals.get(name, ()):
            depth = len(chain)
            if len(path) >= depth and path[-depth][0] == root and tuple(f[1] for f in path[-depth:]) == chain:
                roots = path[-depth - 1][2] if len(path) > depth else 1
                objects = min(objects, roots * total)
        return objects


def _is_object_list(field: GraphQLField) -> bool:
    return is_list_type(get_nullable_type(field.type)) and is_composite_type(get_named_type(field.type))


def _paged_types(schema: GraphQLSchema) -> set[str]:
    """Connection types: returned only by fields with a `first` (which then sizes their `edges` / `nodes`)."""
    with_first: set[str] = set()
    without: set[str] = set()
    for type_ in schema.type_map.values():
        if is_object_type(type_) or is_interface_type(type_):
            for field in type_.fields.values():
                if not is_list_type(get_nullable_type(field.type)):
                    (with_first if "first" in field.args else without).add(get_named_type(field.type).name)
    return with_first - without


class _Walk:
    """One document's estimate: fields followed through fragments, arguments resolved against the variables."""

    def __init__(
        self, estimator: CostEstimator, fragments: dict[str, FragmentDefinitionNode], variables: VariableValues | None
    ) -> None:
        self.estimator = estimator
        self.schema = estimator.schema
        self.fragments = fragments
        self.variables = variables

    def selections(
        self,
        selection_set: SelectionSetNode,
        type_: GraphQLObjectType,
        parents: int,
        path: tuple[Frame, ...],
        above: Args,
        page: int | None,
    ) -> int:
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, type_, parents, path, above, page)
                continue
            if isinstance(node, InlineFragmentNode):
                condition, inner = node.type_condition, node.selection_set
            elif isinstance(node, FragmentSpreadNode) and node.name.value in self.fragments:
                fragment = self.fragments[node.name.value]
                condition, inner = fragment.type_condition, fragment.selection_set
            else:
                continue
            if condition is None or self.applies(condition.name.value, type_):
                total += self.selections(inner, type_, parents, path, above, page)
        return total

    def field(
        self,
        node: FieldNode,
        parent: GraphQLObjectType,
        parents: int,
        path: tuple[Frame, ...],
        above: Args,
        page: int | None,
    ) -> int:
        if node.selection_set is None:  # a scalar (validation saw to it)
            return 0
        name = node.name.value
        definition = self.definition(parent, name)
        named = None if definition is None else get_named_type(definition.type)
        if definition is None or not is_composite_type(named):
            return 0
        args = self.arguments(definition, node) if SIZING.intersection(definition.args) else {}
        objects, inner_page = parents, None
        if is_list_type(get_nullable_type(definition.type)):
            per_parent = self.estimator.per_parent(parent.name, name, definition, args, above, page)
            objects = self.estimator.capped(name, parents * per_parent, path)
        elif "first" in definition.args:  # a connection: `first` sizes its edges / nodes
            inner_page = self.estimator.per_parent(parent.name, name, definition, args, above, page)
        frames = (*path, (parent.name, name, objects))
        inner = max(
            (self.selections(node.selection_set, t, objects, frames, args, inner_page) for t in self.concrete(named)),
            default=0,
        )
        return objects + inner

    def definition(self, parent: GraphQLObjectType, name: str) -> GraphQLField | None:
        if name == "__schema" and parent is self.schema.query_type:
            return SchemaMetaFieldDef
        if name == "__type" and parent is self.schema.query_type:
            return TypeMetaFieldDef
        found: GraphQLField | None = parent.fields.get(name)
        return found

    def arguments(self, definition: GraphQLField, node: FieldNode) -> Args:
        try:
            return get_argument_values(definition, node, self.variables)
        except GraphQLError:  # a variable that does not coerce: execution reports it before any resolver runs
            return {}

    def concrete(self, type_: GraphQLNamedType) -> list[GraphQLObjectType]:
        if is_abstract_type(type_):
            return list(self.schema.get_possible_types(type_))
        return [type_] if isinstance(type_, GraphQLObjectType) else []

    def applies(self, condition: str, type_: GraphQLObjectType) -> bool:
        target = self.schema.get_type(condition)
        if target is type_:
            return True
        return target is not None and is_abstract_type(target) and self.schema.is_sub_type(target, type_)


def expanded_fields(document: DocumentNode, limit: int = MAX_EXPANDED_FIELDS) -> int:
    """The fields of the document with every fragment spread written out (each fragment sized once), stopping
    past `limit`. Run after the specified rules: fragments are known and acyclic."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    sizes: dict[str, int] = {}

    def size(selection_set: SelectionSetNode) -> int:
        count = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                count += 1 + (size(node.selection_set) if node.selection_set else 0)
            elif isinstance(node, InlineFragmentNode):
                count += size(node.selection_set)
            elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments:
                name = node.name.value
                if name not in sizes:
                    sizes[name] = size(fragments[name].selection_set)
                count += sizes[name]
            if count > limit:
                return count
        return count

    total = 0
    for definition in document.definitions:
        if not isinstance(definition, FragmentDefinitionNode) and hasattr(definition, "selection_set"):
            total += size(definition.selection_set)
    return total


def count_objects(data: object) -> int:
    """The objects in a response's `data` (every map below the root one). Scalars are skipped where they are met,
    never pushed (the answer is mostly scalars: pushing each one was ~4% of a small request's CPU, cProfile)."""
    if not isinstance(data, dict):
        return 0
    count, stack = 0, [cast(Any, data)]
    while stack:
        value: dict[str, Any] | list[Any] = stack.pop()
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            kind = type(item)
            if kind is str or kind is int or kind is float or kind is bool or item is None:
                continue
            if isinstance(item, dict):
                count += 1
                stack.append(item)
            elif isinstance(item, list):
                stack.append(item)
    return count


# A bearer token that looks like a JWT (three base64url parts): enough to choose the ceiling; whether it is valid
# is checked when the viewer is resolved.
_BEARER = re.compile(r"^\s*bearer\s+[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\s*$", re.IGNORECASE)


def carries_token(authorization: str | None) -> bool:
    return authorization is not None and _BEARER.match(authorization) is not None


class QueryCost:
    """One request's cost (made per request by schema/guards.py: Guards): refuses a document whose estimate is over the
    request's ceiling, after validation and before execution; gives the `extensions.cost` of every response."""

    __slots__ = ("anonymous", "authenticated", "ceiling", "estimated", "estimator")

    def __init__(self, estimator: CostEstimator, ceilings: tuple[int, int]) -> None:
        self.estimator = estimator
        self.anonymous, self.authenticated = ceilings
        self.estimated = 0
        self.ceiling = self.anonymous

    def check(self, context: ExecutionContext) -> None:
        """After the validation (it estimates valid documents only)."""
        request = getattr(context.context, "request", None)
        if request is not None and carries_token(request.headers.get("authorization")):
            self.ceiling = self.authenticated
        document = context.graphql_document
        if not context.pre_execution_errors and document is not None:
            self.estimated = self.estimator.estimate_text(
                context.query, document, context.operation_name, context.variables
            )
            COST_ESTIMATED.observe(self.estimated)
            if request is not None:
                request.state.graphql_cost = self.estimated
            if self.estimated > self.ceiling:
                context.pre_execution_errors = [too_costly(self.estimated, self.ceiling)]

    def results(self, context: ExecutionContext) -> dict[str, object]:
        return cost_results(self.estimated, self.ceiling, getattr(context.result, "data", None))


def cost_results(estimated: int, ceiling: int, data: object) -> dict[str, object]:
    """The response's `extensions` for its cost: the estimate, the objects returned, the ceiling."""
    actual = count_objects(data)
    if actual > estimated:
        log.warning(
            "cost estimate %d is below the %d objects returned: a declared list bound is lower than the data "
            "(raise it with PEERGRAPH_COST_LIST_BOUNDS)",
            estimated,
            actual,
        )
    return {"cost": {"estimated": estimated, "actual": actual, "ceiling": ceiling}}
