// End a claim (released by its holder or revoked by an admin) and record who, when and how.
// Parameters: $authorId, $actorId, $action ('RELEASED' | 'REVOKED'), $reason, $now (ISO), $eventId.
// Returns: userId (the former holder; no row when the author is not claimed).
MATCH (c:Claim {authorId: $authorId})
WITH c, c.userId AS userId, c.method AS method
DETACH DELETE c
CREATE (:ClaimEvent {
  id: $eventId,
  authorId: $authorId,
  userId: userId,
  actorId: $actorId,
  action: $action,
  method: method,
  evidence: null,
  reason: $reason,
  at: $now
})
RETURN userId
