"""Strawberry's executor with a shortcut for plain selections: an object whose selected fields are all plain data
(no resolver, no arguments, no field extension, no @defer/@stream) is completed by one precompiled function
instead of graphql-core's per-field machinery.

Profiled under load (cProfile, `WorkDetail` of the 5,103-authorship work), graphql-core's `execute_field` /
`complete_value` and Strawberry's per-field resolve info took about three quarters of the server's CPU: ~40,000
fields, each through about ten Python calls, for values that are one attribute read and one scalar coercion. The
shortcut does exactly those two steps per field (the field's own default resolver, the scalar's
`coerce_output_value`, an object's `is_type_of`), so the answer is the general executor's. Anything that could
make the answers differ — a null in a non-null field, a coercion or type check that fails, a value that is not a
list where a list is declared — raises inside the shortcut, and that object is then completed by the general
executor, which reports the error with its path exactly as before. Resolvers (loaders, privacy, cost, deadlines)
never run in the shortcut: a type with any resolver field selected takes the general path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

Complete = Callable[[Any], Any]
_NO_INFO: Any = None  # strawberry's is_type_of reads only the object (an isinstance check)
_FAILED: Any = object()  # the shortcut did not complete an object
_SEEN_ONCE: Any = object()  # a selection completed once so far: no plan yet
_BUILT_IN = {"String": GraphQLString, "ID": GraphQLID, "Boolean": GraphQLBoolean}
_UNCHANGED: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
MIN_INT, MAX_INT = GRAPHQL_MIN_INT, GRAPHQL_MAX_INT  # an Int in range is its own coercion
_SCALARS = frozenset({str, int, float, bool})  # never awaitable: the check is skipped for them


class NotPlain(Exception):
    """A value the shortcut does not complete as the general executor would: that object goes the general way."""


def non_null_of(inner: Complete) -> Complete:
    """A non-null type's completion: its inner type's, where a null hands the field to the general executor."""

    def non_null(value: Any) -> Any:
        completed = inner(value)
        if completed is None:
            raise NotPlain
        return completed

    return non_null


def returned_unchanged(type_: GraphQLLeafType) -> type | None:
    """The Python type whose values a built-in leaf returns unchanged (str for String and ID, bool for Boolean)."""
    return _UNCHANGED.get(type_.name) if type_ is _BUILT_IN.get(type_.name) else None


def _is_iterable(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, dict))


def _attempt(plan: Complete, source: Any) -> Any:
    """The plan's answer, or _FAILED on any failure: the general path then completes the object and reports it."""
    try:
        return plan(source)
    except Exception:  # whatever failed, the general executor says it the way it always does
        return _FAILED


class PlainFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """The execution context of every request (schema/__init__.py); `shortcut` False in a subclass leaves the
    shortcut out (schema/compiled.py without it)."""

    shortcut = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (type, id of the field list) -> (the list, kept alive so its id is not reused; the plan or None)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, Any]] = {}

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        plan = self._plan(return_type, field_details_list) if self.shortcut else None
        completed = _FAILED if plan is None else _attempt(plan, result)
        if completed is not _FAILED:
            return completed  # type: ignore[no-any-return]
        return super().collect_and_execute_subfields(return_type, field_details_list, path, result, position_context)

    def _plan(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList, now: bool = False) -> Any:
        """The plan of this selection on this type, made at its second object (or at once when `now`, for a nested
        one): a lookup by id completes one object, and its plan would cost more than it saves."""
        key = (object_type, id(field_details_list))
        kept = self._plans.get(key)
        if kept is not None and kept[1] is not _SEEN_ONCE:
            return kept[1]
        if kept is None and not now:
            self._plans[key] = (field_details_list, _SEEN_ONCE)
            return None
        wrapped = self.middleware_manager is not None and self.middleware_manager.middlewares
        plan = None if wrapped else self._object_plan(object_type, field_details_list)
        self._plans[key] = (field_details_list, plan)
        return plan

    def _object_plan(self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> Complete | None:
        grouped, new_defer_usages, forbidden = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages or forbidden:
            return None
        steps: list[tuple[str, Any, Any, Complete | None]] = []
        for response_name, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                steps.append((response_name, None, object_type.name, None))
                continue
            field_def = self.schema.get_field(object_type, name)
            if field_def is None or not getattr(field_def.resolve, "_is_default", False) or node.arguments:
                return None
            if any(d.node.directives and any(x.name.value == "stream" for x in d.node.directives) for d in details):
                return None
            strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if strawberry_field is None:
                return None
            complete = self._value_plan(field_def.type, details)
            if complete is None:
                return None
            steps.append((response_name, strawberry_field.default_resolver, strawberry_field.python_name, complete))
        is_type_of = object_type.is_type_of

        def complete_object(source: Any) -> dict[str, Any]:
            if is_type_of is not None and is_type_of(source, _NO_INFO) is not True:
                raise NotPlain
            out: dict[str, Any] = {}
            for response_name, resolve, attr, complete in steps:
                out[response_name] = attr if complete is None else complete(resolve(source, attr))
            return out

        return complete_object

    def _value_plan(self, type_: GraphQLOutputType, details: FieldDetailsList) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            if isinstance(type_.of_type, GraphQLLeafType):
                return self._leaf_plan(type_.of_type, non_null=True)
            inner = self._value_plan(type_.of_type, details)
            return None if inner is None else non_null_of(inner)
        if isinstance(type_, GraphQLList):
            item = self._value_plan(type_.of_type, details)
            if item is None:
                return None
            is_awaitable = self.is_awaitable  # not `self` in the closure: the plans are kept by self

            def list_of(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                if not _is_iterable(value) or is_awaitable(value):
                    raise NotPlain
                return [item(v) for v in value]

            return list_of
        if isinstance(type_, GraphQLLeafType):
            return self._leaf_plan(type_, non_null=False)
        if isinstance(type_, GraphQLObjectType):
            object_plan = self._plan(type_, details, now=True)
            if object_plan is None:
                return None

            def object_value(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                return object_plan(value)

            return object_value
        return None  # interfaces and unions: resolved at run time, the general way

    def _leaf_plan(self, type_: GraphQLLeafType, non_null: bool) -> Complete:
        """A scalar's coercion; a str for String or ID, a bool for Boolean and an int in range for Int are their own
        coercion (graphql-core returns them unchanged), so they skip the call."""
        coerce = type_.coerce_output_value
        same = returned_unchanged(type_)
        is_int = type_ is GraphQLInt
        is_awaitable = self.is_awaitable

        def leaf(value: Any) -> Any:
            kind = type(value)
            if kind is same or (is_int and kind is int and MIN_INT <= value <= MAX_INT):
                return value
            if value is None or value is Undefined:
                if non_null:
                    raise NotPlain
                return None
            if kind not in _SCALARS and (isinstance(value, Exception) or is_awaitable(value)):
                raise NotPlain
            coerced = coerce(value)
            if coerced is None or coerced is Undefined:
                raise NotPlain
            return coerced

        return leaf
