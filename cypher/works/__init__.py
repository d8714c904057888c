"""Root listing of works: one prewritten query per order, and the count."""

from cypher import load

PAGE_YEAR_DESC = load("works/page_year_desc")
PAGE_CITED_BY_DESC = load("works/page_cited_by_desc")
PAGE_TITLE_ASC = load("works/page_title_asc")
COUNT = load("works/count")
