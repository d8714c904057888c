// The ids of the sources, funders or publishers (by $label) whose name has the words of a full-text search (index
// `organization_text`; the `search` filter of their listings). $text is the escaped words (resolvers/graph.py
// `search_text`): every hit of the index, any order (the listing orders and pages them).
// Parameters: $text, $label ('Source' | 'Funder' | 'Publisher'). Returns: ids.
CALL db.index.fulltext.queryNodes('organization_text', $text) YIELD node
WHERE $label IN labels(node)
RETURN collect(node.id) AS ids
