"""Root listing of topics: one prewritten query per order, and the count."""

from cypher import load

PAGE_NAME_ASC = load("topics/page_name_asc")
PAGE_WORKS_COUNT_DESC = load("topics/page_works_count_desc")
COUNT = load("topics/count")
