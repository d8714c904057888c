// Follow an author (idempotent: MERGE keeps a single FOLLOWS, its `since` from the first follow).
// Parameters: $userId, $authorId, $now (ISO). Returns: authorId (no row for an unknown author).
MATCH (u:User {id: $userId})
MATCH (a:Author {id: $authorId})
MERGE (u)-[f:FOLLOWS]->(a)
ON CREATE SET f.since = $now
RETURN a.id AS authorId
