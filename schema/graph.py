"""The graph slice and search hit types."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypedDict

import strawberry

from schema.author import Author
from schema.institution import Institution
from schema.node import EntityKind, Node
from schema.source import Source
from schema.topic import Topic
from schema.work import Work


class SliceNodeRow(TypedDict):
    id: str
    kind: str
    label: str
    distance: int


class SliceEdgeRow(TypedDict):
    source: str
    target: str
    type: str
    weight: float


class SliceRow(TypedDict):
    """A row of cypher/graph/slice.cypher: the nodes kept, their edges, and how many nodes were within reach."""

    reached: int
    nodes: list[SliceNodeRow]
    edges: list[SliceEdgeRow]


class SearchHitRow(TypedDict):
    """A hit of cypher/search/entities.cypher or autocomplete.cypher: `entity` has the shape of its `kind`."""

    score: float
    kind: str
    entity: Any


GraphEdgeType = Enum("GraphEdgeType", "AUTHORED HAS_TOPIC PUBLISHED_IN CITES LAST_KNOWN_AT AFFILIATED_WITH")
strawberry.enum(GraphEdgeType, description="The stored relationship an edge of a slice stands for.")


@strawberry.type(description="A node of a graph slice.")
class GraphNode:
    id: strawberry.ID = strawberry.field(description="The entity's id.")
    kind: EntityKind
    label: str = strawberry.field(description="What to print on the node: name, title or id.")
    distance: int = strawberry.field(description="Hops from the center (0 for the center).")


@strawberry.type(description="A directed edge of a graph slice, between two of its nodes.")
class GraphEdge:
    id: strawberry.ID = strawberry.field(description='Stable: "<source>-<type>-<target>".')
    source: strawberry.ID
    target: strawberry.ID
    type: GraphEdgeType
    weight: float = strawberry.field(description="The topic score for HAS_TOPIC, 1 otherwise.")


@strawberry.type(description="The entities within `depth` hops of a center and the relationships among them.")
class GraphSlice:
    truncated: bool = strawberry.field(description="True exactly when some entity within reach was left out.")
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @classmethod
    def from_row(cls, row: SliceRow) -> GraphSlice:
        nodes = [
            GraphNode(id=strawberry.ID(n["id"]), kind=EntityKind(n["kind"]), label=n["label"], distance=n["distance"])
            for n in row["nodes"]
        ]
        edges = [
            GraphEdge(
                id=strawberry.ID(f"{e['source']}-{e['type']}-{e['target']}"),
                source=strawberry.ID(e["source"]),
                target=strawberry.ID(e["target"]),
                type=GraphEdgeType[e["type"]],
                weight=float(e["weight"]),
            )
            for e in row["edges"]
        ]
        return cls(truncated=row["reached"] > len(nodes), nodes=nodes, edges=edges)


@strawberry.type(description="A full-text search hit.")
class SearchHit:
    score: float = strawberry.field(description="Relevance (Lucene score); hits come best first.")
    node: Node


def entity_from_row(kind: str, row: Any) -> Node:
    """The schema type for an entity row of the given label (the row has that entity's shape)."""
    if kind == "Author":
        return Author.from_row(row)
    if kind == "Work":
        return Work.from_row(row)
    if kind == "Topic":
        return Topic.from_row(row)
    if kind == "Institution":
        return Institution.from_row(row)
    if kind in ("Funder", "Publisher"):
        from schema.funder import Funder, Publisher

        return Funder.from_row(row) if kind == "Funder" else Publisher.from_row(row)
    return Source.from_row(row)
