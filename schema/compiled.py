"""Compiled answers for `work(id:)`: a selection made only of fields this module knows (the contract's WorkDetail is
one) is answered from one Cypher statement (cypher/work/detail.cypher), its answer built straight from the rows as
dicts and lists: no Strawberry object, no graphql-core step per field.

Measured before it (cProfile on `peergraph serve`, WorkDetail of the 5,103-authorship work): three Neo4j round trips
(the work, its authorships, its topics), the driver decoding ~5,000 nested author maps, then a Strawberry object per
authorship, author and institution and the plain-fields shortcut's completion of each (schema/execution.py).

What it answers is the general executor's answer, which stays the reference (tests/api/test_compiled.py compares
both, body for body, on many sample works): each leaf goes through the same coercion as the shortcut's
(`_leaf_plan`: a null in a non-null field or a value of the wrong type raises), and each getter mirrors the
resolver it stands for (schema/work.py: `Authorship.from_row`, `Work.venue` / `abstract` / `topics` /
`publicationDate`; loaders/work.py: the places of an author listed again). Anything else goes the general way,
decided before the statement is sent: a field not in the tables below (any hideable one among them: the author's
ORCID iD, affiliation, topics, coauthors), an entity field with a resolver of its own, arguments on a subfield,
@defer/@stream, interfaces, a `doi:` lookup, an id that is not a work id, a resolver middleware. After it: no row
(an unknown or merged id: the general path looks up the survivor and says null), a failed read (the general path
runs it again and reports the error), or any value the plan refuses. None of the fields compiled is hideable, so
the statement reads nothing a claimant may hide (loaders/privacy.py) and takes no `$viewer`.

`PEERGRAPH_COMPILED_DOCUMENTS=false` turns it off.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable
from typing import Any

from graphql import GraphQLLeafType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLOutputType
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path

import cypher.work as work_q
from ingest.ids import parse_id
from loaders.gateway import ReadGateway
from schema.execution import Complete, NotPlain, PlainFieldsExecutionContext

Getter = Callable[[Any], Any]
log = logging.getLogger("peergraph.compiled")


def _key(name: str) -> Getter:
    def get(row: Any) -> Any:
        return row.get(name)

    return get


def _keys(*names: str) -> dict[str, Getter]:
    return {name: _key(name) for name in names}


# The raw value of each type (what its getters read), and the fields compiled on it. `None` for a getter that stands
# for a resolver (mirrored here), `_DATA` for entity types whose fields must be plain data (FromRow: the row's key of
# the GraphQL name), checked against the schema when the plan is made.
_WORK: dict[str, Getter] = {
    # the map of work/get_by_ids; `authorships` and `topics` put there by _work_value
    **_keys("id", "title", "type", "year", "doi", "citedByCount", "language"),
    "venue": _key("venue"),  # Work.venue: the row's venue
    "abstract": _key("abstract"),  # Work.abstract: the row's abstract
    "publicationDate": _key("publicationDate"),  # Work.publication_date
    "authorships": operator.itemgetter("authorships"),
    "topics": operator.itemgetter("topics"),
}
# An authorship: (order, isCorresponding, positionLabel, rawAuthorName, author (id, name) or None, [institution map]),
# as Authorship.from_row reads its row.
_AUTHORSHIP: dict[str, Getter] = {
    "position": lambda s: int(s[0]) + 1,
    "isCorresponding": lambda s: bool(s[1]),
    "positionLabel": operator.itemgetter(2),
    "rawAuthorName": operator.itemgetter(3),
    "author": operator.itemgetter(4),
    "institutions": operator.itemgetter(5),
}
_AUTHOR: dict[str, Getter] = {"id": operator.itemgetter(0), "name": operator.itemgetter(1)}  # (id, name)
_WORK_TOPIC: dict[str, Getter] = {"score": _key("score"), "topic": operator.itemgetter("topic")}
FIELDS: dict[str, dict[str, Getter]] = {
    "Work": _WORK,
    "Authorship": _AUTHORSHIP,
    "Author": _AUTHOR,
    "WorkTopic": _WORK_TOPIC,
    "Institution": _keys("id", "name", "countryCode", "ror", "type"),  # the institution fragment's map
    "Topic": _keys("id", "name", "subfield", "field", "domain"),  # the topic fragment's map
    "Source": _keys("id", "name", "issnL", "type"),  # the source fragment's map
}
# Types whose compiled fields must each be a plain data field in the schema (no resolver): their getters read what
# FromRow would. Work, Authorship and WorkTopic have resolvers or constructors mirrored above instead.
_DATA_TYPES = frozenset({"Author", "Institution", "Topic", "Source"})


class CompiledExecutionContext(PlainFieldsExecutionContext):
    """The execution context when compiled documents are on (schema/__init__.py), with the plain-fields shortcut."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        if path.prev is None and parent_type is self.schema.query_type and path.key is not None:
            node = field_details_list[0].node
            if node.name.value == "work":
                plan = self._work_plan(parent_type, field_details_list)
                if plan is not None:
                    return self._compiled(plan, parent_type, source, field_details_list, path, position_context)
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def _work_plan(self, query_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> _WorkPlan | None:
        if len(field_details_list) != 1 or (
            self.middleware_manager is not None and self.middleware_manager.middlewares
        ):
            return None
        node = field_details_list[0].node
        if node.directives and any(d.name.value in ("defer", "stream") for d in node.directives):
            return None
        field_def = query_type.fields["work"]
        try:
            arguments = get_argument_values(field_def, node, self.variable_values)
        except Exception:  # the general path reports a bad argument
            return None
        work_id = arguments.get("id")
        if arguments.get("doi") is not None or not isinstance(work_id, str):
            return None
        parsed = parse_id(work_id)
        if parsed is None or parsed[0] != "work":
            return None
        work_type = field_def.type
        if not isinstance(work_type, GraphQLObjectType):
            return None
        complete = self._compiled_object(work_type, field_details_list)
        return None if complete is None else _WorkPlan(parsed[1], complete)

    def _compiled_object(self, object_type: GraphQLObjectType, details_list: FieldDetailsList) -> Complete | None:
        getters = FIELDS.get(object_type.name)
        if getters is None:
            return None
        grouped, new_defer_usages, forbidden = self.collect_subfields(object_type, details_list)
        if new_defer_usages or forbidden:
            return None
        steps: list[tuple[str, Getter | None, Any]] = []
        for response_name, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                steps.append((response_name, None, object_type.name))
                continue
            getter = getters.get(name)
            field_def = object_type.fields.get(name)
            if getter is None or field_def is None or any(d.node.arguments or d.node.directives for d in details):
                return None
            if object_type.name in _DATA_TYPES and not getattr(field_def.resolve, "_is_default", False):
                return None
            complete = self._compiled_value(field_def.type, details)
            if complete is None:
                return None
            steps.append((response_name, getter, complete))

        def complete_object(raw: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for response_name, get, complete in steps:
                out[response_name] = complete if get is None else complete(get(raw))
            return out

        return complete_object

    def _compiled_value(self, type_: GraphQLOutputType, details: FieldDetailsList) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            inner = self._compiled_value(type_.of_type, details)
            if inner is None:
                return None

            def non_null(value: Any) -> Any:
                completed = inner(value)
                if completed is None:
                    raise NotPlain
                return completed

            return non_null
        if isinstance(type_, GraphQLList):
            item = self._compiled_value(type_.of_type, details)
            if item is None:
                return None

            def list_of(value: Any) -> Any:
                if value is None:
                    return None
                if not isinstance(value, list):
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

    async def _compiled(
        self,
        plan: _WorkPlan,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        answer = await _attempt(plan, self.context_value.loaders.db)
        if answer is not _FAILED:
            return answer
        general: AwaitableOrValue[Any] = super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
        return await general if self.is_awaitable(general) else general


_FAILED: Any = object()


async def _attempt(plan: _WorkPlan, db: ReadGateway) -> Any:
    """The compiled answer, or _FAILED: no row (unknown or merged id), a failed read, a value the plan refuses."""
    try:
        rows = await db.rows(work_q.DETAIL, id=plan.work_id)
        return plan.complete(_work_value(rows[0])) if len(rows) == 1 else _FAILED
    except Exception:  # whatever failed, the general executor says it the way it always does
        log.debug("compiled work(id:) handed to the general executor", exc_info=True)
        return _FAILED


class _WorkPlan:
    __slots__ = ("complete", "work_id")

    def __init__(self, work_id: str, complete: Complete) -> None:
        self.work_id = work_id
        self.complete = complete


def _work_value(row: dict[str, Any]) -> dict[str, Any]:
    """The work's map with its authorships (in author order, the way loaders/work.py lists them) and topics."""
    institutions = {i["id"]: i for i in row["institutions"]}
    ships: list[tuple[Any, ...]] = []
    append = ships.append
    for order, corresponding, label, raw_name, ids, author_id, author_name, more in row["linked"]:
        author = (author_id, author_name)
        append((order, corresponding, label, raw_name, author, [institutions[i] for i in ids if i in institutions]))
        if more is not None:
            orders, corresponding_more, labels, raw_names, more_ids, counts = more
            start = 0
            for k, later in enumerate(orders):
                count = counts[k]
                places = more_ids[start : start + count]
                start += count
                append(
                    (
                        later,
                        corresponding_more[k],
                        labels[k] or None,
                        raw_names[k] or None,
                        author,
                        [institutions[i] for i in places if i in institutions],
                    )
                )
    for name, order in zip(row["unlinkedNames"], row["unlinkedOrders"], strict=False):
        append((order, False, None, name, None, []))
    ships.sort(key=operator.itemgetter(0))
    work = dict(row["work"])
    work["authorships"] = ships
    work["topics"] = row["topics"]
    return work


class CompiledOnlyExecutionContext(CompiledExecutionContext):
    """Compiled documents on, the plain-fields shortcut off."""

    shortcut = False


def execution_context_class(*, compiled: bool, shortcut: bool) -> type[PlainFieldsExecutionContext] | None:
    """The execution context of the settings' choice; None: Strawberry's own (the general executor alone)."""
    if compiled:
        return CompiledExecutionContext if shortcut else CompiledOnlyExecutionContext
    return PlainFieldsExecutionContext if shortcut else None
