// Accounts by id, for the user DataLoader (the password hash never leaves the graph here).
// Parameters: $ids: [user id]. Returns: user (map with claimedAuthorIds), one row per id found.
UNWIND $ids AS id
MATCH (u:User {id: id})
CALL (u) {
  OPTIONAL MATCH (u)-[:HOLDS]->(c:Claim)
  RETURN collect(c.authorId) AS claimedAuthorIds
}
RETURN u {.id, .email, .displayName, .emailVerified, .orcid, .createdAt, claimedAuthorIds: claimedAuthorIds} AS user
