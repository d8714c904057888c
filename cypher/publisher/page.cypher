// A page of the publishers matching the filters, in the order `/*ORDER*/` names (a piece of listing_orders.cypher).
// Parameters: $nameContains, $country (each null for no filter), $skip, $limit.
// Returns: publisher (map), one row per publisher of the page.
MATCH (n:Publisher)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR $country IN coalesce(n.countryCodes, []))
WITH n ORDER BY /*ORDER*/
SKIP $skip LIMIT $limit
RETURN n {.id, .name, .countryCodes, .hierarchyLevel, .ror, .worksCount, .citedByCount, .hIndex, .isStub,
  parentId: [(n)-[:PART_OF]->(up:Publisher) | up.id][0],
  graphWorksCount: COUNT { (n)<-[:PUBLISHED_BY]-(:Source)<-[:PUBLISHED_IN]-(:Work) },
  sourceIds: [(n)<-[:PUBLISHED_BY]-(s:Source) | s.id]} AS publisher
