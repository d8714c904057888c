"""Source read queries."""

from cypher import load

GET_BY_IDS = load("source/get_by_ids")
