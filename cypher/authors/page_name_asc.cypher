// A page of all authors matching the filters, ordered by name, then id.
// A filter on what a claimant hides from $viewer (ORCID iD, affiliation, topics) leaves that author out, as if
// the value were not on record (docs/privacy.md); a hidden ORCID iD is null.
// Parameters: $nameContains, $hasOrcid, $citedByMin, $citedByMax, $institution, $country (of the last known
//   institution), $topic (each null for no filter), $viewer: {id, admin}, $afterKey, $afterId (the sort key and id of the row the page starts after; null for the first page), $limit.
// Returns: author (map), sortKey, one row per author of the page.
// The authors whose claimants hide from $viewer what a given filter asks about (read only for a given filter: the
// claims are few, so one list each, then a lookup per author).
WITH CASE WHEN $hasOrcid IS NULL THEN [] ELSE {{hiding('ORCID')}} END AS orcidHidden,
  CASE WHEN $institution IS NULL AND $country IS NULL THEN [] ELSE {{hiding('AFFILIATION')}} END AS affiliationHidden,
  CASE WHEN $topic IS NULL THEN [] ELSE {{hiding('TOPICS')}} END AS topicsHidden
MATCH (a:Author)
WHERE ($nameContains IS NULL OR toLower(a.name) CONTAINS toLower($nameContains))
  AND ($hasOrcid IS NULL OR (a.orcid IS NOT NULL AND NOT a.id IN orcidHidden) = $hasOrcid)
  AND ($citedByMin IS NULL OR a.citedByCount >= $citedByMin)
  AND ($citedByMax IS NULL OR a.citedByCount <= $citedByMax)
  AND ($institution IS NULL OR NOT a.id IN affiliationHidden
    AND EXISTS { (a)-[:LAST_KNOWN_AT|AFFILIATED_WITH]->(:Institution {id: $institution}) })
  AND ($country IS NULL OR NOT a.id IN affiliationHidden
    AND EXISTS { (a)-[:LAST_KNOWN_AT]->(i:Institution) WHERE i.countryCode = $country })
  AND ($topic IS NULL OR NOT a.id IN topicsHidden
    AND EXISTS { (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(:Topic {id: $topic}) })
WITH a, a.name AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND a.id > $afterId
  ELSE sortKey IS NULL OR sortKey > $afterKey OR (sortKey = $afterKey AND a.id > $afterId) END
WITH a, sortKey ORDER BY sortKey IS NULL, sortKey ASC, a.id ASC
LIMIT $limit
RETURN {{author(a, {{hides(a, 'ORCID')}})}} AS author, sortKey
