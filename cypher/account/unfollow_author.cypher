// Stop following an author (idempotent).
// Parameters: $userId, $authorId. Returns: authorId (no row for an unknown author).
MATCH (a:Author {id: $authorId})
OPTIONAL MATCH (:User {id: $userId})-[f:FOLLOWS]->(a)
DELETE f
RETURN DISTINCT a.id AS authorId
