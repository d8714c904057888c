// Delete up to $limit precomputed counts of some facets (a full recount, ingest/facet_counts.py, runs it until none
// is left, each its own transaction: deleting the 4.2 million counts of 100k works, most of them INSTITUTION and
// AUTHOR pairs, in one would pass the server's transaction memory).
// Parameters: $facets: [facet name], $limit. Returns: deleted.
MATCH (c:_FacetCount) WHERE c.facet IN $facets
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS deleted
