// Create a claim and record it (the claim_author constraint makes a concurrent second claim fail).
// Parameters: $userId, $authorId, $method, $evidence, $orcid, $now (ISO), $eventId.
// Returns: authorId.
MATCH (u:User {id: $userId})
MATCH (a:Author {id: $authorId})
CREATE (u)-[:HOLDS]->(c:Claim {
  authorId: $authorId,
  userId: $userId,
  method: $method,
  evidence: $evidence,
  since: $now,
  openToCollaborate: false,
  invitePolicy: 'CLAIMED_RESEARCHERS',
  hiddenFields: []
})-[:CLAIMS]->(a)
FOREACH (_ IN CASE WHEN $orcid IS NULL THEN [] ELSE [1] END | SET u.orcid = $orcid)
CREATE (:ClaimEvent {
  id: $eventId,
  authorId: $authorId,
  userId: $userId,
  actorId: $userId,
  action: 'CLAIMED',
  method: $method,
  evidence: $evidence,
  reason: null,
  at: $now
})
RETURN c.authorId AS authorId
