// A page of all authors matching the filters, ordered by how many distinct coauthors they have (most first: the
// totalCount of `coauthors`, 0 for an author whose claimant hides the collaborators from $viewer), then id.
// A filter on what a claimant hides from $viewer (ORCID iD, affiliation, topics) leaves that author out, as if
// the value were not on record (docs/privacy.md); a hidden ORCID iD is null.
// Parameters: $nameContains, $hasOrcid, $citedByMin, $citedByMax, $institution, $country (of the last known
//   institution), $topic (each null for no filter), $viewer: {id, admin}, $afterKey, $afterId (the sort key and id of the row the page starts after; null for the first page), $limit.
// Returns: author (map), sortKey, one row per author of the page.
// The authors whose claimants hide from $viewer what a given filter asks about (read only for a given filter: the
// claims are few, so one list each, then a lookup per author).
WITH CASE WHEN $hasOrcid IS NULL THEN [] ELSE COLLECT { MATCH (claim:Claim) WHERE 'ORCID' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } END AS orcidHidden,
  CASE WHEN $institution IS NULL AND $country IS NULL THEN [] ELSE COLLECT { MATCH (claim:Claim) WHERE 'AFFILIATION' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } END AS affiliationHidden,
  CASE WHEN $topic IS NULL THEN [] ELSE COLLECT { MATCH (claim:Claim) WHERE 'TOPICS' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } END AS topicsHidden
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
WITH a, CASE WHEN EXISTS { MATCH (claim:Claim {authorId: a.id}) WHERE 'COLLABORATORS' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) } THEN 0
  ELSE COUNT { MATCH (a)-[:AUTHORED]->()<-[:AUTHORED]-(b) WHERE b <> a RETURN DISTINCT b } END AS sortKey
WHERE $afterId IS NULL OR sortKey < $afterKey OR (sortKey = $afterKey AND a.id > $afterId)
WITH a, sortKey ORDER BY sortKey DESC, a.id ASC
LIMIT $limit
RETURN {{author(a, {{hides(a, 'ORCID')}})}} AS author, sortKey
