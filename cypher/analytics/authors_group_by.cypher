// Authors matching the filters (those of the authors listing, cypher/authors/count.cypher) counted by one facet
// (authorsGroupBy): `/*FACET*/` is a piece of author_facets.cypher. What a claimant hides from $viewer (ORCID iD,
// affiliation, topics) is neither filtered on nor counted: that author is in the unknown group of such a facet
// (docs/privacy.md). Groups as in works_group_by.cypher.
// Parameters: $nameContains, $hasOrcid, $citedByMin, $citedByMax, $institution, $country, $topic (each null for no
//   filter), $viewer: {id, admin}, $includeUnknown, $byKey, $first.
// Returns: totalCount, groups: [{key, label, count, citedByCount}], at most $first.
WITH COLLECT { MATCH (claim:Claim) WHERE 'ORCID' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } AS orcidHidden,
  COLLECT { MATCH (claim:Claim) WHERE 'AFFILIATION' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } AS affiliationHidden,
  COLLECT { MATCH (claim:Claim) WHERE 'TOPICS' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } AS topicsHidden
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
WITH a, affiliationHidden, topicsHidden, a.orcid IS NOT NULL AND NOT a.id IN orcidHidden AS shownIdentifier
WITH a, /*FACET*/ AS keys
UNWIND CASE WHEN size(keys) = 0 THEN [null] ELSE keys END AS k
WITH k.key AS key, k.label AS label, a
WITH key, min(label) AS label, count(a) AS count, sum(coalesce(a.citedByCount, 0)) AS citedByCount
ORDER BY CASE WHEN $byKey THEN 0 ELSE -count END, key IS NULL, key
WITH collect({key: key, label: label, count: count, citedByCount: citedByCount}) AS groups
WITH [g IN groups WHERE g.key IS NOT NULL OR $includeUnknown] AS groups
RETURN size(groups) AS totalCount, groups[0..$first] AS groups
