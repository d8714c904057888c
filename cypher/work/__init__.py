"""Work read queries."""

from cypher import load

GET_BY_IDS = load("work/get_by_ids")
AUTHORSHIPS = load("work/authorships")
TOPICS = load("work/topics")
GET_BY_DOIS = load("work/get_by_dois")
REFERENCES_PAGE = load("work/references_page")
CITED_BY_PAGE = load("work/cited_by_page")
DETAIL = load("work/detail")
