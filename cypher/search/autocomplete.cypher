// Entities whose name or title has a word starting with the prefix (index `entity_text`), best first,
// restricted to the given kinds. An author is as $viewer may see it (docs/privacy.md): a hidden ORCID iD is null.
// Parameters: $text: Lucene prefix query (escaped by the caller), $kinds: [label], $limit: int, $viewer: {id, admin}.
// Returns: score, kind, entity (map of the node's properties).
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $limit * 5}) YIELD node, score
WITH node, score, head([l IN labels(node) WHERE l IN ['Author', 'Work', 'Topic', 'Institution']]) AS kind
WHERE kind IN $kinds
WITH node, score, kind ORDER BY score DESC, node.id ASC
LIMIT $limit
RETURN score, kind,
  CASE WHEN kind = 'Author' THEN {{author(node, {{hides(node, 'ORCID')}})}} ELSE properties(node) END AS entity
