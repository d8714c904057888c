// The topics of each work with their scores, highest score first, then topic id.
// Parameters: $ids: [work id]. Returns: workId, topics: [{score, topic: topic map}].
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  OPTIONAL MATCH (w)-[h:HAS_TOPIC]->(t:Topic)
  WITH h, t WHERE t IS NOT NULL
  ORDER BY h.score DESC, t.id ASC
  RETURN collect({score: h.score, topic: {{topic(t)}}}) AS topics
}
RETURN id AS workId, topics
