// The graph slice around any entity: every Author/Work/Topic/Institution/Source within $depth (1 or 2)
// hops over the stored relationships, nearest first (then id), at most $limit of them, and every
// relationship between two kept nodes (the induced subgraph). `total` is how many nodes were within reach,
// so the slice is truncated exactly when total > size(nodes).
// Parameters: $center: id, $depth: 1 or 2, $limit: int.
// Returns: total, nodes: [{id, kind, label, distance}], edges: [{source, target, type, weight}]
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
CALL (c) {
  OPTIONAL MATCH (c)-[:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n:Author|Work|Topic|Institution|Source)
  RETURN collect(DISTINCT n) AS ring1
}
CALL (c, ring1) {
  UNWIND CASE WHEN $depth >= 2 THEN ring1 ELSE [] END AS n1
  MATCH (n1)-[:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]-(n:Author|Work|Topic|Institution|Source)
  RETURN collect(DISTINCT n) AS ring2
}
CALL (c, ring1, ring2) {
  UNWIND [{n: c, d: 0}] + [n IN ring1 | {n: n, d: 1}] + [n IN ring2 | {n: n, d: 2}] AS x
  WITH x.n AS n, min(x.d) AS d
  ORDER BY d ASC, n.id ASC
  RETURN count(n) AS total, collect({n: n, d: d})[0..$limit] AS kept
}
WITH total, kept, [k IN kept | k.n] AS keptNodes
CALL (keptNodes) {
  UNWIND keptNodes AS s
  MATCH (s)-[r:AUTHORED|HAS_TOPIC|PUBLISHED_IN|CITES|LAST_KNOWN_AT|AFFILIATED_WITH]->(t)
  WHERE t IN keptNodes
  WITH s.id AS source, t.id AS target, type(r) AS type, max(coalesce(r.score, 1.0)) AS weight
  ORDER BY source, type, target
  RETURN collect({source: source, target: target, type: type, weight: weight}) AS edges
}
RETURN total, [k IN kept | {
  id: k.n.id,
  kind: head([l IN labels(k.n) WHERE l IN ['Author', 'Work', 'Topic', 'Institution', 'Source']]),
  label: coalesce(k.n.name, k.n.title, k.n.id),
  distance: k.d
}] AS nodes, edges
