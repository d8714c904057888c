// The profile counts of each author: works, distinct topics of those works, distinct coauthors.
// Parameters: $ids: [author id]. Returns: authorId, works, topics, coauthors (one row per id found).
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)
  RETURN count(DISTINCT w) AS works
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN count(DISTINCT t) AS topics
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(b:Author)
  WHERE b <> a
  RETURN count(DISTINCT b) AS coauthors
}
RETURN id AS authorId, works, topics, coauthors
