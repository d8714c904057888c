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
(an unknown or merged id: the general path looks up the survivor and says null) or any value the plan refuses; a
failed read is the field's error, located as the general path locates it (reading again would only wait out a
second retry budget). None of the fields compiled is hideable, so
the statement reads nothing a claimant may hide (loaders/privacy.py) and takes no `$viewer`.

`PEERGRAPH_COMPILED_DOCUMENTS=false` turns it off.
"""

from __future__ import annotations

import logging
import operator
from types import CodeType
from typing import Any

from cachetools import LRUCache
from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    FieldNode,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path

import cypher.work as work_q
from ingest.ids import parse_id
from loaders.gateway import ReadGateway
from schema.execution import Complete, NotPlain, PlainFieldsExecutionContext, non_null_of

log = logging.getLogger("peergraph.compiled")


def _keys(*names: str) -> dict[str, str]:
    return {name: f"raw.get({name!r})" for name in names}


# The fields compiled on each type: a Python expression reading the field's value from `raw`, the type's raw value
# (these constants are the only code the plans are made of: response names and values reach them as data). Work,
# Authorship and WorkTopic stand for resolvers and constructors (mirrored here); the other types are entities whose
# fields must be plain data in the schema (FromRow: the row's key of the GraphQL name), checked when a plan is made.
FIELDS: dict[str, dict[str, str]] = {
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
    "Institution": _keys("id", "name", "countryCode", "ror", "type"),  # the institution fragment's map
    "Topic": _keys("id", "name", "subfield", "field", "domain"),  # the topic fragment's map
    "Source": _keys("id", "name", "issnL", "type"),  # the source fragment's map
}
_DATA_TYPES = frozenset({"Author", "Institution", "Topic", "Source"})
_MIN_INT, _MAX_INT = GRAPHQL_MIN_INT, GRAPHQL_MAX_INT
_UNCHANGED = {id(GraphQLString): "str", id(GraphQLID): "str", id(GraphQLBoolean): "bool"}


class CompiledExecutionContext(PlainFieldsExecutionContext):
    """The execution context when compiled documents are on (schema/__init__.py), with the plain-fields shortcut."""

    _labels = False  # while a plan is made: whether it reads an authorship's positionLabel or rawAuthorName

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
        self._labels = False
        complete = self._compiled_object(work_type, field_details_list)
        return None if complete is None else _WorkPlan(parsed[1], complete, self._labels)

    def _compiled_object(self, object_type: GraphQLObjectType, details_list: FieldDetailsList) -> Complete | None:
        getters = FIELDS.get(object_type.name)
        if getters is None:
            return None
        grouped, new_defer_usages, forbidden = self.collect_subfields(object_type, details_list)
        if new_defer_usages or forbidden:
            return None
        names: dict[str, Any] = {"NotPlain": NotPlain, "MIN": _MIN_INT, "MAX": _MAX_INT}
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
            if expression is None or field_def is None or any(_unusual(d.node) for d in details):
                return None
            if object_type.name in _DATA_TYPES and not getattr(field_def.resolve, "_is_default", False):
                return None
            if object_type.name == "Authorship" and name in ("positionLabel", "rawAuthorName"):
                self._labels = True
            type_ = field_def.type
            non_null = isinstance(type_, GraphQLNonNull)
            inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
            lines.append(f"    v{i} = {expression}")
            if isinstance(inner, GraphQLLeafType):
                names[f"c{i}"] = self._leaf_plan(inner, non_null=non_null)
                same = _UNCHANGED.get(id(inner))
                if same is not None:  # the leaf's own coercion, for the values it would return unchanged
                    wrong = f"type(v{i}) is not {same}"
                elif inner is GraphQLInt:
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
        exec(_code(source, object_type.name), names)  # noqa: S102  # only FIELDS' code
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

    async def _compiled(
        self,
        plan: _WorkPlan,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        try:
            answer = await _attempt(plan, self.context_value.loaders.db)
        except Exception as error:  # the read failed: located and reported as any field's error
            Counts.failed_reads += 1
            self.handle_field_error(error, parent_type.fields["work"].type, field_details_list, path)
            return None
        if answer is not _FAILED:
            Counts.answered += 1
            return answer
        Counts.handed_over += 1
        general: AwaitableOrValue[Any] = super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
        return await general if self.is_awaitable(general) else general


_FAILED: Any = object()
_CODE: LRUCache[str, CodeType] = LRUCache(maxsize=512)


def _code(source: str, type_name: str) -> CodeType:
    """A plan's function, compiled once per process (compiling costs more than a small work's whole answer; the source
    is FIELDS' expressions and numbered names only, so the same selection shape gives the same source)."""
    code = _CODE.get(source)
    if code is None:
        code = _CODE[source] = compile(source, f"<compiled {type_name}>", "exec")
    return code


class Counts:
    """How many `work(id:)` fields this process answered compiled, and how many it handed to the general executor
    after trying (tests read them to know which path answered)."""

    answered = 0
    handed_over = 0
    failed_reads = 0


def _unusual(node: FieldNode) -> bool:
    """Arguments, or a directive other than @include / @skip (already applied when the fields were collected)."""
    return bool(node.arguments) or any(d.name.value not in ("include", "skip") for d in node.directives or ())


async def _attempt(plan: _WorkPlan, db: ReadGateway) -> Any:
    """The compiled answer, or _FAILED: no row (unknown or merged id), a value the plan refuses. A failed read
    raises: the general executor would send the same read again and wait out its retries a second time (Neo4j
    down: two 0.5 s budgets, over the 1 s the API promises), so it is the field's error as the general path says it.
    """
    rows = await db.rows(work_q.DETAIL, id=plan.work_id, labels=plan.labels)
    if len(rows) != 1:
        return _FAILED
    try:
        return plan.complete(_work_value(rows[0]))
    except Exception:  # whatever failed, the general executor says it the way it always does
        log.debug("compiled work(id:) handed to the general executor", exc_info=True)
        return _FAILED


class _WorkPlan:
    __slots__ = ("complete", "labels", "work_id")

    def __init__(self, work_id: str, complete: Complete, labels: bool) -> None:
        self.work_id = work_id
        self.complete = complete
        self.labels = labels  # the statement reads positionLabel and rawAuthorName


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


class CompiledOnlyExecutionContext(CompiledExecutionContext):
    """Compiled documents on, the plain-fields shortcut off."""

    shortcut = False


def execution_context_class(*, compiled: bool, shortcut: bool) -> type[PlainFieldsExecutionContext] | None:
    """The execution context of the settings' choice; None: Strawberry's own (the general executor alone)."""
    if compiled:
        return CompiledExecutionContext if shortcut else CompiledOnlyExecutionContext
    return PlainFieldsExecutionContext if shortcut else None
