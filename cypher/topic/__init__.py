"""Topic read queries."""

from cypher import load

GET_BY_IDS = load("topic/get_by_ids")
