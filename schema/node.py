"""The Node interface every keyed entity implements, and the kinds of entity."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any, Required, Self, TypedDict

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
    more of the row keeps it, as the private field `row`; another private field is read from its own key."""

    @classmethod
    def from_row(cls, row: NodeRow) -> Self:
        build = _BUILDERS.get(cls) or _builder(cls)
        return build(row)  # type: ignore[no-any-return]  # an instance of cls, made by its builder


_BUILDERS: dict[type, Callable[[NodeRow], Any]] = {}


def _plan(cls: type) -> list[tuple[str, str, bool]]:
    """(field, row key, whether a non-null Boolean) of each data field of a strawberry type, and of each other
    field its __init__ takes but `row` (private ones: read from the camelCase key, `parent_id` from `parentId`)."""
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    fields = [
        (f.python_name, f.graphql_name or to_camel_case(f.python_name), f.type is bool)
        for f in definition.fields
        if f.base_resolver is None and not is_private(f.type)
    ]
    shown = {name for name, _, _ in fields}
    hidden = [f.name for f in dataclasses.fields(cls) if f.init and f.name not in shown and f.name != "row"]
    return fields + [(name, to_camel_case(name), False) for name in hidden]


def _builder(cls: type) -> Callable[[NodeRow], Any]:
    """One function per type that sets its data fields from the row, as the dataclass's __init__ would (these
    are all the fields __init__ takes: the others have resolvers). Written out once per type like dataclasses
    writes __init__: the generic loop cost ~3.3 us an object, the 5,103-authorship WorkDetail builds ~10,000."""
    fields = _plan(cls)  # every field __init__ takes, but `row`
    keeps_row = any(f.name == "row" and f.init for f in dataclasses.fields(cls))
    items = [
        f"{name}={'bool(get(' + repr(key) + '))' if flag else 'get(' + repr(key) + ')'}" for name, key, flag in fields
    ]
    if keeps_row:
        items.append("row=row")
    body = f"    get = row.get\n    o = new(cls)\n    o.__dict__.update({', '.join(items)})\n    return o\n"
    source = "def build(row):\n" + body
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(source, namespace)  # noqa: S102  # the text is made of this type's own field names, nothing from a request
    build: Callable[[NodeRow], Any] = namespace["build"]
    _BUILDERS[cls] = build
    return build


@strawberry.interface(description="An entity with a stable public id: its OpenAlex short id, or (invitations) a UUID.")
class Node:
    id: strawberry.ID = strawberry.field(description='The stable id, e.g. "A5082727236" or "W2741809807".')


@strawberry.type
class NamedNode(Node):
    """A Node with a display name (the Python side of NamedRow): its subclasses' GraphQL types get `name` from here,
    right after `id`; no GraphQL type of its own."""

    name: str | None = strawberry.field(description="Display name.")


# The GraphQL names of the kinds, and the labels they stand for.
EntityKind = Enum(
    "EntityKind",
    [("AUTHOR", "Author"), ("WORK", "Work"), ("TOPIC", "Topic"), ("INSTITUTION", "Institution"), ("SOURCE", "Source")],
)
strawberry.enum(EntityKind, description="The kind of an entity in the graph.")
