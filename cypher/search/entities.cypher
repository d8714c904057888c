// Full-text search across authors, works, topics and institutions (index `entity_text`), best score first.
// Parameters: $text: a Lucene query string (user text, escaped by the caller), $limit: int.
// Returns: score, kind ('Author'|'Work'|'Topic'|'Institution'), entity: map of the node's properties.
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $limit}) YIELD node, score
RETURN score,
  head([l IN labels(node) WHERE l IN ['Author', 'Work', 'Topic', 'Institution']]) AS kind,
  properties(node) AS entity
ORDER BY score DESC, entity.id ASC
