// Fragment: shared_topics(coauthor, mine)
// The topics of `coauthor`'s works that are in `mine` (the author's topic nodes), by name then id, as topic maps:
// what a row of the coauthor ranking shows. A list expression.
CASE WHEN size({mine}) = 0 THEN [] ELSE COLLECT {
  MATCH ({coauthor})-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  WHERE t IN {mine}
  WITH DISTINCT t
  ORDER BY t.name ASC, t.id ASC
  RETURN {{topic(t)}}
} END
