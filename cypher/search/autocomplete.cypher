// Entities whose name or title has a word starting with the prefix (index `entity_text`), best first,
// restricted to the given kinds.
// Parameters: $text: Lucene prefix query (escaped by the caller), $kinds: [label], $limit: int.
// Returns: score, kind, entity (map of the node's properties).
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $limit * 5}) YIELD node, score
WITH node, score, head([l IN labels(node) WHERE l IN ['Author', 'Work', 'Topic', 'Institution']]) AS kind
WHERE kind IN $kinds
RETURN score, kind, properties(node) AS entity
ORDER BY score DESC, entity.id ASC
LIMIT $limit
