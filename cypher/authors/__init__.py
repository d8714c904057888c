"""Root listing of authors: one prewritten query per order, and the count."""

from cypher import load

PAGE_NAME_ASC = load("authors/page_name_asc")
PAGE_CITED_BY_DESC = load("authors/page_cited_by_desc")
PAGE_WORKS_COUNT_DESC = load("authors/page_works_count_desc")
PAGE_COAUTHORS_DESC = load("authors/page_coauthors_desc")
COUNT = load("authors/count")
