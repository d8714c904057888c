// Delete the precomputed counts of some facets, before they are counted again from the graph in the same
// transaction (ingest/facet_counts.py). Parameters: $facets: [facet name]. Returns: nothing.
CYPHER replan=skip
MATCH (c:_FacetCount) WHERE c.facet IN $facets
DELETE c
