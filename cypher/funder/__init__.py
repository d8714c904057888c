"""Funders: lookups, the funders of works, the listing."""

from cypher import load

GET_BY_IDS = load("funder/get_by_ids")
OF_WORKS = load("funder/of_works")
PAGE = load("funder/page")
COUNT = load("funder/count")
