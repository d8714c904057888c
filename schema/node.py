"""The Node interface every keyed entity implements, and the kinds of entity."""

from __future__ import annotations

from enum import Enum
from typing import Any, Required, Self, TypedDict, cast

import strawberry
from strawberry.types.private import is_private
from strawberry.utils.str_converters import to_camel_case


class NodeRow(TypedDict, total=False):
    """What every entity's row has (the reads' projections: cypher/fragments/)."""

    id: Required[str]
    isStub: bool | None


class NamedRow(NodeRow, total=False):
    """An entity with a display name: an author, an institution, a topic, a source."""

    name: str | None
    worksCount: int | None


class FromRow:
    """An entity type built from the row its reads return: each of its data fields from the row's key of the same
    GraphQL name (`country_code` from `countryCode`, null when absent; a non-null Boolean false), so a field added
    to the type and to its projection (cypher/fragments/) is read with no third edit. A type whose resolvers read
    more of the row keeps it, as the private field `row`."""

    @classmethod
    def from_row(cls, row: NodeRow) -> Self:
        plan = _PLANS.get(cls) or _plan(cls)
        values: dict[str, Any] = {name: bool(row.get(key)) if flag else row.get(key) for name, key, flag in plan}
        if "row" in cls.__dataclass_fields__:  # type: ignore[attr-defined]  # every strawberry type is a dataclass
            values["row"] = row
        return cast(Any, cls)(**values)  # type: ignore[no-any-return]  # the fields of this strawberry type


_PLANS: dict[type, list[tuple[str, str, bool]]] = {}


def _plan(cls: type) -> list[tuple[str, str, bool]]:
    """(field, row key, whether a non-null Boolean) of each data field of a strawberry type, made once per type."""
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    plan = [
        (f.python_name, f.graphql_name or to_camel_case(f.python_name), f.type is bool)
        for f in definition.fields
        if f.base_resolver is None and not is_private(f.type)
    ]
    _PLANS[cls] = plan
    return plan


@strawberry.interface(description="An entity with a stable public id: its OpenAlex short id, or (invitations) a UUID.")
class Node:
    id: strawberry.ID = strawberry.field(description='The stable id, e.g. "A5082727236" or "W2741809807".')


# The GraphQL names of the kinds, and the labels they stand for.
EntityKind = Enum(
    "EntityKind",
    [("AUTHOR", "Author"), ("WORK", "Work"), ("TOPIC", "Topic"), ("INSTITUTION", "Institution"), ("SOURCE", "Source")],
)
strawberry.enum(EntityKind, description="The kind of an entity in the graph.")
