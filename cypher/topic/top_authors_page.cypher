// The authors of each topic's works, by how many of those works they are on (desc), then name, then id.
// Parameters: $ids: [topic id], $skip: int, $limit: int.
// Returns: ownerId, total, authors: [{workCount, author: author map}] (the page).
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t) {
  MATCH (t)<-[:HAS_TOPIC]-(w:Work)<-[:AUTHORED]-(a:Author)
  WITH a, count(DISTINCT w) AS workCount
  ORDER BY workCount DESC, a.name ASC, a.id ASC
  RETURN collect({workCount: workCount, author: a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex,
    .isStub}}) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total, ranked[$skip..$skip + $limit] AS authors
