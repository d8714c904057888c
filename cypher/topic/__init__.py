"""Topic read queries."""

from cypher import load

GET_BY_IDS = load("topic/get_by_ids")
WORKS_PAGE = load("topic/works_page")
TOP_AUTHORS_PAGE = load("topic/top_authors_page")
WORK_COUNTS = load("topic/work_counts")
