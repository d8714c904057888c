"""Institution read queries."""

from cypher import load

GET_BY_IDS = load("institution/get_by_ids")
GET_BY_RORS = load("institution/get_by_rors")
WORKS_PAGE = load("institution/works_page")
AUTHORS_PAGE = load("institution/authors_page")
