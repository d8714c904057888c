// One breadth-first step of the coauthorship search (resolvers/graph.py) from one end: the works of the frontier's
// authors that this end has not read yet, and the authors of those works it has not reached yet, each with the
// frontier author it is reached through. Each work is read once per end, so a 5,000-author work costs its
// authorships once, not once per frontier author on it. At most $limit works and $limit authors: the search's
// node budget (the caller asks for one more than is left, so it sees when a step is cut short).
// As $viewer may see it (docs/privacy.md): an author whose claimant hides the collaborators from the viewer is on no
// path (their coauthorships connect nobody, them included): never reached, and never walked from. The claims are
// few, so the hiders are one list.
// AUTHORED only links an Author to a Work (docs/graph-model.md): the walks skip the label checks.
// Parameters: $frontier: [author id], $seenWorks: [work id], $seenAuthors: [author id], $limit: int,
//   $viewer: {id, admin}.
// Returns: works: [work id], authors: [{id, via}] (via: an author of $frontier sharing a new work with id).
WITH {{hiding('COLLABORATORS')}} AS unlinked
CALL (unlinked) {
  UNWIND [id IN $frontier WHERE NOT id IN unlinked] AS frontierId
  MATCH (:Author {id: frontierId})-[:AUTHORED]->(w)
  WHERE NOT w.id IN $seenWorks
  WITH w, min(frontierId) AS via
  LIMIT $limit
  RETURN collect(w) AS works, collect(via) AS vias
}
CALL (unlinked, works, vias) {
  UNWIND range(0, size(works) - 1) AS k
  WITH unlinked, works[k] AS w, vias[k] AS via
  MATCH (w)<-[:AUTHORED]-(y)
  WHERE NOT y.id IN $seenAuthors AND NOT y.id IN unlinked
  WITH y.id AS id, min(via) AS via
  LIMIT $limit
  RETURN collect({id: id, via: via}) AS authors
}
RETURN [w IN works | w.id] AS works, authors
