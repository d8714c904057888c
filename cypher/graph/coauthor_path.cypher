// The shortest coauthorship path between two authors (author, work, author ...) of at most $maxHops
// coauthor hops, with every work each consecutive pair shares. The variable-length bound is the largest
// allowed (6 hops = 12 relationships); $maxHops cuts it below.
// Parameters: $from: author id, $to: author id, $maxHops: int (1..6).
// Returns: authors: [author map] (from .. to), links: [[work map]] (the shared works of each hop); no row
// when no such path exists.
MATCH (a:Author {id: $from}), (b:Author {id: $to})
MATCH p = shortestPath((a)-[:AUTHORED*..12]-(b))
WHERE length(p) <= 2 * $maxHops
WITH [n IN nodes(p) WHERE n:Author] AS authors
CALL (authors) {
  UNWIND range(0, size(authors) - 2) AS k
  WITH k, authors[k] AS x, authors[k + 1] AS y
  CALL (x, y) {
    MATCH (x)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(y)
    WITH w ORDER BY w.year DESC, w.id ASC
    RETURN collect(w {.id, .title, .type, .year, .doi, .citedByCount}) AS works
  }
  WITH k, works ORDER BY k
  RETURN collect(works) AS links
}
RETURN [x IN authors | x {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub}] AS authors, links
