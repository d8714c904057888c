"""Root listing of institutions: one prewritten query per order, and the count."""

from cypher import load

PAGE_NAME_ASC = load("institutions/page_name_asc")
PAGE_WORKS_COUNT_DESC = load("institutions/page_works_count_desc")
COUNT = load("institutions/count")
