// The graph slice around any entity: every Author/Work/Topic/Institution/Source within $depth (1 or 2)
// hops over the stored relationships, nearest first (then id), at most $limit of them, and every
// relationship between two kept nodes (the induced subgraph). `reached` is how many nodes within reach were
// looked at, at most $limit + 1 per ring (the walk stops there, so a hub's thousands of neighbours are never
// all read): the slice is truncated exactly when reached > size(nodes).
// Parameters: $center: id, $depth: 1 or 2, $limit: int.
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
// These relationship types only link entity nodes (docs/graph-model.md), so the rings skip the label checks.
// Ring 1: the nearest neighbours by id, at most $limit of them: with the center that is one more than can be
// kept, which tells whether the slice is truncated without reading (or counting) every neighbour of a hub.
CALL (c) {
  MATCH (c)-[:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n)
  WHERE n <> c
  WITH DISTINCT n
  ORDER BY n.id ASC
  LIMIT $limit
  RETURN collect(n) AS ring1
}
// Ring 2 (depth 2), only when ring 1 is whole and leaves room: the same, one hop further.
CALL (c, ring1) {
  WITH c, ring1 WHERE $depth >= 2 AND size(ring1) < $limit
  UNWIND ring1 AS n1
  MATCH (n1)-[:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n)
  WHERE n <> c AND NOT n IN ring1
  WITH DISTINCT n
  ORDER BY n.id ASC
  LIMIT $limit
  RETURN collect(n) AS ring2
}
WITH 1 + size(ring1) + size(ring2) AS reached,
  ([{n: c, d: 0}] + [n IN ring1 | {n: n, d: 1}] + [n IN ring2 | {n: n, d: 2}])[0..$limit] AS kept
WITH reached, kept, [k IN kept | k.n] AS keptNodes
CALL (keptNodes) {
  UNWIND keptNodes AS s
  MATCH (s)-[r:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]->(t)
  WHERE t IN keptNodes
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
