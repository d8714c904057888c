"""Author read queries."""

from cypher import load

GET_BY_IDS = load("author/get_by_ids")
WORKS_PAGE = load("author/works_page")
