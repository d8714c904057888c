// Block a user (idempotent): they can no longer send invitations to the blocker.
// Parameters: $userId, $blockedId, $now (ISO). Returns: blockedId (no row for an unknown user).
MATCH (u:User {id: $userId})
MATCH (b:User {id: $blockedId})
MERGE (u)-[k:BLOCKED]->(b)
ON CREATE SET k.since = $now
RETURN b.id AS blockedId
