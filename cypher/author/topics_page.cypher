// Each author's topics (topics attached to any of the author's works) with how many of those works carry
// each, ranked by that count (desc), then name, then id; none (total 0) when the claimant hides the topics from
// $viewer (docs/privacy.md).
// Parameters: $ids: [author id], $skip: int, $limit: int, $viewer: {id, admin}.
// Returns: ownerId, total, topics: [{workCount, topic: topic map}] (the page).
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
CALL (a, hidden) {
  WITH a WHERE NOT 'TOPICS' IN hidden
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)-[:HAS_TOPIC]->(t:Topic)
  WITH t, count(DISTINCT w) AS workCount
  WHERE t IS NOT NULL
  ORDER BY workCount DESC, t.name ASC, t.id ASC
  RETURN collect({workCount: workCount, topic: {{topic(t)}}}) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total, ranked[$skip..$skip + $limit] AS topics
