// The works published in each source (PUBLISHED_IN), newest first.
// Parameters: $ids: [owner id], $skip: int, $limit: int.
// Returns: ownerId, total, works: [work map incl. venue] (the page).
UNWIND $ids AS id
MATCH (o:Source {id: id})
CALL (o) {
  MATCH (o)<-[:PUBLISHED_IN]-(w:Work)
  WITH DISTINCT w ORDER BY w.year DESC, w.id ASC
  RETURN collect(w) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total, [w IN ranked[$skip..$skip + $limit] | {{work(w)}}] AS works
