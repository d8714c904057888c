"""Search read queries."""

from cypher import load

ENTITIES = load("search/entities")
AUTOCOMPLETE = load("search/autocomplete")
