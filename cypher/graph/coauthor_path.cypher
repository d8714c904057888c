// The shortest coauthorship path between two authors (author, work, author ...) of at most $maxHops
// coauthor hops, with every work each consecutive pair shares. The variable-length bound is the largest
// allowed (6 hops = 12 relationships); $maxHops cuts it below.
// As $viewer may see it (docs/privacy.md): an author whose claimant hides the collaborators from the viewer is on no
// path (their coauthorships connect nobody, them included); a hidden ORCID iD is null. The claims are few, so the
// hiders are one list, which the path search checks on each node it visits.
// Parameters: $from: author id, $to: author id, $maxHops: int (1..6), $viewer: {id, admin}.
// Returns: authors: [author map] (from .. to), links: [[work map]] (the shared works of each hop); no row
// when no such path exists.
MATCH (a:Author {id: $from}), (b:Author {id: $to})
WITH a, b, COLLECT { MATCH (claim:Claim) WHERE 'COLLABORATORS' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } AS unlinked
WHERE NOT a.id IN unlinked AND NOT b.id IN unlinked
// The node check runs inside the path search (a breadth-first search from both ends); the length is checked after it,
// so no exhaustive fallback search is planned: a shortest path longer than $maxHops means none within it.
MATCH p = shortestPath((a)-[:AUTHORED*..12]-(b))
WHERE all(n IN nodes(p) WHERE NOT n.id IN unlinked)
WITH p WHERE length(p) <= 2 * $maxHops
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
RETURN [x IN authors | x {.id, .name, .worksCount, .citedByCount, .hIndex, .isStub,
  orcid: CASE WHEN EXISTS { MATCH (claim:Claim {authorId: x.id}) WHERE 'ORCID' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) } THEN null ELSE x.orcid END}] AS authors, links
