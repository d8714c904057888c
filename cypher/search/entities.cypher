// Full-text search across authors, works, topics and institutions (index `entity_text`), best score first.
// An author hit is as $viewer may see it (docs/privacy.md): a hidden ORCID iD is null.
// Parameters: $text: a Lucene query string (user text, escaped by the caller), $limit: int, $viewer: {id, admin}.
// Returns: score, kind ('Author'|'Work'|'Topic'|'Institution'), entity: map of the node's properties.
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $limit}) YIELD node, score
WITH node, score, head([l IN labels(node) WHERE l IN ['Author', 'Work', 'Topic', 'Institution']]) AS kind
RETURN score, kind,
  CASE WHEN kind = 'Author' THEN {{author(node, {{hides(node, 'ORCID')}})}} ELSE properties(node) END AS entity
ORDER BY score DESC, entity.id ASC
