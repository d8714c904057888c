// The graph slice around any entity: every Author/Work/Topic/Institution/Source within $depth (1 or 2)
// hops over the stored relationships, nearest first (then id), at most $limit of them, and every
// relationship between two kept nodes (the induced subgraph). `reached` is how many nodes within reach were
// looked at, at most $limit + 1 per ring (the walk stops there, so a hub's thousands of neighbours are never
// all read): the slice is truncated exactly when reached > size(nodes).
// As $viewer may see it (docs/privacy.md): the walks and the edges leave out the affiliation of every author whose
// claimant hides it (their LAST_KNOWN_AT / AFFILIATED_WITH), and around an author who hides them, the coauthors
// and topics of the author's works (the other authors' AUTHORED into those works, the works' HAS_TOPIC). Left out
// means never walked, so `reached` and `truncated` do not count them either.
// Parameters: $center: id, $depth: 1 or 2, $limit: int, $viewer: {id, admin}.
// Returns: reached, nodes: [{id, kind, label, distance}], edges: [{source, target, type, weight}]
// (no row when the center is unknown).
CALL () {
  MATCH (c:Author {id: $center}) RETURN c
  UNION
  MATCH (c:Work {id: $center}) RETURN c
  UNION
  MATCH (c:Topic {id: $center}) RETURN c
  UNION
  MATCH (c:Institution {id: $center}) RETURN c
  UNION
  MATCH (c:Source {id: $center}) RETURN c
}
// Who hides their affiliation from the viewer (the claims are few: one list); the center's works whose coauthors
// or topics the center hides.
WITH c, {{hiding('AFFILIATION')}} AS affiliationHidden,
  CASE WHEN c:Author THEN {{hidden_fields(c)}} ELSE [] END AS centerHidden
WITH c, affiliationHidden,
  CASE WHEN 'COLLABORATORS' IN centerHidden THEN COLLECT { MATCH (c)-[:AUTHORED]->(w) RETURN w } ELSE [] END AS unsharedWorks,
  CASE WHEN 'TOPICS' IN centerHidden THEN COLLECT { MATCH (c)-[:AUTHORED]->(w) RETURN w } ELSE [] END AS untopicalWorks
WITH c, affiliationHidden, unsharedWorks, untopicalWorks,
  size(affiliationHidden) + size(unsharedWorks) + size(untopicalWorks) = 0 AS open // nothing to leave out
// These relationship types only link entity nodes (docs/graph-model.md), so the rings skip the label checks.
// Ring 1: the nearest neighbours by id, at most $limit of them: with the center that is one more than can be
// kept, which tells whether the slice is truncated without reading (or counting) every neighbour of a hub.
CALL (c, open, affiliationHidden, unsharedWorks, untopicalWorks) {
  MATCH (c)-[r:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n)
  WHERE n <> c
    // From the center, only an affiliation can be hidden (an author's works, coauthors and topics are a hop away).
    AND CASE
      WHEN open THEN true
      WHEN type(r) IN ['LAST_KNOWN_AT', 'AFFILIATED_WITH'] THEN NOT (c.id IN affiliationHidden OR n.id IN affiliationHidden)
      ELSE true
    END
  WITH DISTINCT n
  ORDER BY n.id ASC
  LIMIT $limit
  RETURN collect(n) AS ring1
}
// Ring 2 (depth 2), only when ring 1 is whole and leaves room: the same, one hop further.
CALL (c, ring1, open, affiliationHidden, unsharedWorks, untopicalWorks) {
  WITH c, ring1 WHERE $depth >= 2 AND size(ring1) < $limit
  UNWIND ring1 AS n1
  MATCH (n1)-[r:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n)
  WHERE n <> c AND NOT n IN ring1
    AND CASE
      WHEN open THEN true
      WHEN type(r) IN ['LAST_KNOWN_AT', 'AFFILIATED_WITH'] THEN NOT (n1.id IN affiliationHidden OR n.id IN affiliationHidden)
      WHEN type(r) = 'AUTHORED' THEN NOT n1 IN unsharedWorks // n1 is a work of the center's, n another author
      WHEN type(r) = 'HAS_TOPIC' THEN NOT n1 IN untopicalWorks
      ELSE true
    END
  WITH DISTINCT n
  ORDER BY n.id ASC
  LIMIT $limit
  RETURN collect(n) AS ring2
}
WITH c, open, affiliationHidden, unsharedWorks, untopicalWorks, 1 + size(ring1) + size(ring2) AS reached,
  ([{n: c, d: 0}] + [n IN ring1 | {n: n, d: 1}] + [n IN ring2 | {n: n, d: 2}])[0..$limit] AS kept
WITH c, open, affiliationHidden, unsharedWorks, untopicalWorks, reached, kept, [k IN kept | k.n] AS keptNodes
CALL (c, keptNodes, open, affiliationHidden, unsharedWorks, untopicalWorks) {
  UNWIND keptNodes AS s
  MATCH (s)-[r:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]->(t)
  WHERE t IN keptNodes
    AND CASE
      WHEN open THEN true
      WHEN type(r) IN ['LAST_KNOWN_AT', 'AFFILIATED_WITH'] THEN NOT s.id IN affiliationHidden
      WHEN type(r) = 'AUTHORED' THEN s = c OR NOT t IN unsharedWorks
      WHEN type(r) = 'HAS_TOPIC' THEN NOT s IN untopicalWorks
      ELSE true
    END
  WITH s.id AS source, t.id AS target, type(r) AS type, max(coalesce(r.score, 1.0)) AS weight
  ORDER BY source, type, target
  RETURN collect({source: source, target: target, type: type, weight: weight}) AS edges
}
RETURN reached, [k IN kept | {
  id: k.n.id,
  kind: head([l IN labels(k.n) WHERE l IN ['Author', 'Work', 'Topic', 'Institution', 'Source']]),
  label: coalesce(k.n.name, k.n.title, k.n.id),
  distance: k.d
}] AS nodes, edges
