"""The Node interface every keyed entity implements, and the kinds of entity."""

from __future__ import annotations

from enum import Enum
from typing import Required, TypedDict

import strawberry


class NodeRow(TypedDict, total=False):
    """What every entity's row has (the reads' projections: cypher/fragments/)."""

    id: Required[str]
    isStub: bool | None


class NamedRow(NodeRow, total=False):
    """An entity with a display name: an author, an institution, a topic, a source."""

    name: str | None
    worksCount: int | None


@strawberry.interface(description="An entity with a stable public id: its OpenAlex short id, or (invitations) a UUID.")
class Node:
    id: strawberry.ID = strawberry.field(description='The stable id, e.g. "A5082727236" or "W2741809807".')


@strawberry.enum(description="The kind of an entity in the graph.")
class EntityKind(Enum):
    AUTHOR = "Author"
    WORK = "Work"
    TOPIC = "Topic"
    INSTITUTION = "Institution"
    SOURCE = "Source"
