"""Source read queries."""

from cypher import load

GET_BY_IDS = load("source/get_by_ids")
WORKS_PAGE = load("source/works_page")
PAGE = load("source/page")
COUNT = load("source/count")
