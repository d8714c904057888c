"""Work read queries."""

from cypher import load

GET_BY_IDS = load("work/get_by_ids")
