// How many pairs a pair facet keeps (collaborations_counts.cypher's `pairsInAll`), one expression per
// CollaborationParty. INSTITUTION and AUTHOR pairs carry a label of their own (cypher/ingest/add_facet_counts.cypher),
// counted from Neo4j's count store: counting the (facet, key) index entries took ~1 s for the 157,148 AUTHOR pairs of
// the sample + 5,000 works. COUNTRY's few thousand pairs are counted down the index (kept before the labels were).
// Sections start with "// piece: <name>".
// piece: COUNTRY
COUNT { MATCH (c:_FacetCount) WHERE c.facet = $facet AND c.key > $skipped }
// piece: INSTITUTION
COUNT { MATCH (c:_InstitutionPair) }
// piece: AUTHOR
COUNT { MATCH (c:_AuthorPair) }
