// The ids of the works the given authors authored (what a merge of authors changes the facet counts of).
// Parameters: $ids: [author id]. Returns: ids.
UNWIND $ids AS id
MATCH (:Author {id: id})-[:AUTHORED]->(w:Work)
RETURN collect(DISTINCT w.id) AS ids
