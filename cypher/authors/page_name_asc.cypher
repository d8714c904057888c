// A page of all authors matching the filters, ordered by name, then id.
// Parameters: $nameContains, $hasOrcid, $citedByMin, $citedByMax, $institution, $country (of the last known
//   institution), $topic (each null for no filter), $skip, $limit.
// Returns: author (map), one row per author of the page.
MATCH (a:Author)
WHERE ($nameContains IS NULL OR toLower(a.name) CONTAINS toLower($nameContains))
  AND ($hasOrcid IS NULL OR (a.orcid IS NOT NULL) = $hasOrcid)
  AND ($citedByMin IS NULL OR a.citedByCount >= $citedByMin)
  AND ($citedByMax IS NULL OR a.citedByCount <= $citedByMax)
  AND ($institution IS NULL OR EXISTS { (a)-[:LAST_KNOWN_AT|AFFILIATED_WITH]->(:Institution {id: $institution}) })
  AND ($country IS NULL OR EXISTS { (a)-[:LAST_KNOWN_AT]->(i:Institution) WHERE i.countryCode = $country })
  AND ($topic IS NULL OR EXISTS { (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(:Topic {id: $topic}) })
WITH a ORDER BY a.name ASC, a.id ASC
SKIP $skip LIMIT $limit
RETURN a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub} AS author
