"""Author read queries."""

from cypher import load

GET_BY_IDS = load("author/get_by_ids")
WORKS_PAGE = load("author/works_page")
FACTS = load("author/facts")
TOPICS_PAGE = load("author/topics_page")
COAUTHORS_PAGE = load("author/coauthors_page")
GET_BY_ORCIDS = load("author/get_by_orcids")
INSTITUTIONS = load("author/institutions")
WORKS_BY_YEAR = load("author/works_by_year")
PROFILE = load("author/profile")
COAUTHORS_COMPILED = load("author/coauthors_compiled")
