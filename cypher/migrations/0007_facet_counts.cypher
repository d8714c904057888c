// The precomputed counts of worksGroupBy over all works (ingest/facet_counts.py): one node per (facet, key).
// Parameters: none. Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT facet_count_key IF NOT EXISTS FOR (n:_FacetCount) REQUIRE (n.facet, n.key) IS UNIQUE;
CREATE INDEX facet_count_works IF NOT EXISTS FOR (n:_FacetCount) ON (n.facet, n.works);
