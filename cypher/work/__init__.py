"""Work read queries."""

from cypher import load

GET_BY_IDS = load("work/get_by_ids")
AUTHORSHIPS = load("work/authorships")
TOPICS = load("work/topics")
GET_BY_DOIS = load("work/get_by_dois")
