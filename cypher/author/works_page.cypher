// One page of each author's works, newest first (year desc, then id), with the total per author.
// Parameters: $ids: [author id], $skip: int, $limit: int.
// Returns: authorId, total, works: [work map] (at most $limit, after skipping $skip).
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)
  WITH w ORDER BY w.year DESC, w.id ASC
  RETURN count(w) AS total, collect(w {.id, .title, .type, .year}) AS all
}
RETURN id AS authorId, total, all[$skip..$skip + $limit] AS works
