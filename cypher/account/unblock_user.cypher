// Lift a block (idempotent).
// Parameters: $userId, $blockedId. Returns: blockedId (no row for an unknown user).
MATCH (b:User {id: $blockedId})
OPTIONAL MATCH (:User {id: $userId})-[k:BLOCKED]->(b)
DELETE k
RETURN DISTINCT b.id AS blockedId
