// How many precomputed facet counts there are (ingest/facet_counts.py). Parameters: none. Returns: counts.
MATCH (c:_FacetCount)
RETURN count(c) AS counts
