"""Search read queries."""

from cypher import load

ENTITIES = load("search/entities")
