// A coauthorship path the search in resolvers/graph.py found (cypher/graph/coauthor_frontier.cypher, which leaves out
// the authors whose collaborators are hidden from $viewer), as the API shows it: each author in order, and every
// work each consecutive pair shares (newest first). As $viewer may see it (docs/privacy.md): a hidden ORCID iD is null.
// Parameters: $ids: [author id] (from .. to, consecutive ones coauthors), $viewer: {id, admin}.
// Returns: authors: [author map] (in the order of $ids), links: [[work map]] (the shared works of each hop).
UNWIND range(0, size($ids) - 1) AS i
MATCH (x:Author {id: $ids[i]})
WITH i, x ORDER BY i
WITH collect(x) AS authors
CALL (authors) {
  UNWIND range(0, size(authors) - 2) AS k
  WITH k, authors[k] AS x, authors[k + 1] AS y
  CALL (x, y) {
    MATCH (x)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(y)
    WITH w ORDER BY w.year DESC, w.id ASC
    RETURN collect({{work(w)}}) AS works
  }
  WITH k, works ORDER BY k
  RETURN collect(works) AS links
}
RETURN [x IN authors | {{author(x, {{hides(x, 'ORCID')}})}}] AS authors, links
