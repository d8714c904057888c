// One page of each author's works, newest first (year desc, then id), with the total per author.
// Parameters: $ids: [author id], $skip: int, $limit: int.
// Returns: ownerId, total, works: [work map incl. venue] (at most $limit, after skipping $skip).
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)
  WITH w ORDER BY w.year DESC, w.id ASC
  RETURN count(w) AS total, collect(w) AS ranked
}
RETURN id AS ownerId, total, [w IN ranked[$skip..$skip + $limit] | {{work(w)}}] AS works
