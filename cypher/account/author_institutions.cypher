// The institutions an author may show as affiliation (last known or affiliated with).
// Parameters: $authorId. Returns: id.
MATCH (:Author {id: $authorId})-[:LAST_KNOWN_AT|AFFILIATED_WITH]->(i:Institution)
RETURN DISTINCT i.id AS id
