// Replace the precomputed counts of some facets by counts recounted from the graph (ingest/facet_counts.py).
// Parameters: $facets: [facet name], $rows: [{facet, key, works, citedByCount, openAccessCount}] (theirs).
// Returns: nothing.
CALL () {
  MATCH (c:_FacetCount) WHERE c.facet IN $facets
  DELETE c
}
UNWIND $rows AS row
CREATE (:_FacetCount {facet: row.facet, key: row.key, works: row.works, citedByCount: row.citedByCount,
  openAccessCount: row.openAccessCount})
