// The authors of each institution (last known there, or affiliated with it), by name then id.
// Parameters: $ids: [institution id], $skip: int, $limit: int.
// Returns: ownerId, total, authors: [author map] (the page).
UNWIND $ids AS id
MATCH (i:Institution {id: id})
CALL (i) {
  MATCH (i)<-[:LAST_KNOWN_AT|AFFILIATED_WITH]-(a:Author)
  WITH DISTINCT a ORDER BY a.name ASC, a.id ASC
  RETURN collect(a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub}) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total, ranked[$skip..$skip + $limit] AS authors
