// A page of the publishers matching the filters, by the sort key `/*KEY*/` names (a piece of
// listing_orders.cypher), highest first when $desc, those without one last, ties by id; keyset paged as works_page.
// Parameters: $nameContains, $country, $searchIds (the ids a `search` found: search_organizations.cypher; each null for no filter), $desc, $afterKey, $afterId (null for the first page), $limit.
// Returns: publisher (map), one row per publisher of the page.
MATCH (n:Publisher)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($searchIds IS NULL OR n.id IN $searchIds)
  AND ($country IS NULL OR $country IN coalesce(n.countryCodes, []))
WITH n, /*KEY*/ AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND n.id > $afterId
  ELSE sortKey IS NULL OR (CASE WHEN $desc THEN sortKey < $afterKey ELSE sortKey > $afterKey END)
    OR (sortKey = $afterKey AND n.id > $afterId) END
WITH n, sortKey
ORDER BY sortKey IS NULL, CASE WHEN $desc THEN sortKey END DESC, CASE WHEN $desc THEN null ELSE sortKey END ASC, n.id ASC
LIMIT $limit
RETURN n {sortKey: sortKey, .id, .name, countryCodes: coalesce(n.countryCodes, []), .hierarchyLevel, .ror, .worksCount, .citedByCount, .hIndex, .isStub,
  parentId: [(n)-[:PART_OF]->(up:Publisher) | up.id][0],
  graphWorksCount: COUNT { (n)<-[:PUBLISHED_BY]-(:Source)<-[:PUBLISHED_IN]-(:Work) },
  sourceIds: [(n)<-[:PUBLISHED_BY]-(s:Source) | s.id]} AS publisher
