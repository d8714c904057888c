// The ids of the works a full-text search finds in their title or abstract (the `search` filter of WorkFilter;
// $text is a Lucene query the resolver builds from the escaped words, the title boosted).
// Parameters: $text. Returns: ids.
CALL db.index.fulltext.queryNodes('work_text', $text) YIELD node
RETURN collect(node.id) AS ids
