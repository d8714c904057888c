// The kept pair counts (ingest/facet_counts.py) read the pairs tied at the $first-th count in key order down this
// index (cypher/analytics/collaborations_counts.cypher): at 100k works most AUTHOR and INSTITUTION pairs share one
// work, so the tie is nearly every pair, which the (facet, works) index alone left to sort whole.
// Parameters: none. Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE INDEX facet_count_works_key IF NOT EXISTS FOR (n:_FacetCount) ON (n.facet, n.works, n.key);
