"""Publishers: lookups (with parent and sources), the publisher of sources, the listing."""

from cypher import load

GET_BY_IDS = load("publisher/get_by_ids")
OF_SOURCES = load("publisher/of_sources")
PAGE = load("publisher/page")
COUNT = load("publisher/count")
