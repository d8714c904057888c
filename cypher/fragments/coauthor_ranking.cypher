// Fragment: coauthor_ranking(author, mine)
// The coauthor ranking (docs/graph-model.md#coauthorship), clauses: the other authors `b` of `author`'s works, with
// `shared` (the works both are named in) and `sharedTopicCount` (the distinct topics of b's works that are in `mine`,
// the author's topic nodes), ordered by shared works (desc), shared topics (desc), name, then id. The rows carry
// b, shared, sharedTopicCount, name, bid; follow it with SKIP/LIMIT (a top-k) or a collect (the whole ranking).
// Ranked on the number of shared topics: only the rows kept list them (fragments/shared_topics).
// AUTHORED only links an Author to a Work (docs/graph-model.md): the walks skip the label checks.
MATCH ({author})-[:AUTHORED]->(w)<-[:AUTHORED]-(b)
WHERE b <> {author}
WITH b, count(DISTINCT w) AS shared
WITH b, shared, b.name AS name, b.id AS bid, CASE WHEN size({mine}) = 0 THEN 0 ELSE COUNT {
  MATCH (b)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  WHERE t IN {mine}
  WITH DISTINCT t
  RETURN t
} END AS sharedTopicCount
ORDER BY shared DESC, sharedTopicCount DESC, name ASC, bid ASC
