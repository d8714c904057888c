// Lock the claimant's account (so its claim count cannot race) and read what a claim depends on.
// Parameters: $userId, $authorId. Returns: held (claims the user holds), authorExists, authorOrcid,
//   holderId (who holds this author's claim, or null).
MATCH (u:User {id: $userId})
SET u._lock = true
REMOVE u._lock
WITH u
OPTIONAL MATCH (a:Author {id: $authorId})
OPTIONAL MATCH (c:Claim {authorId: $authorId})
RETURN COUNT { (u)-[:HOLDS]->(:Claim) } AS held,
  a IS NOT NULL AS authorExists,
  a.orcid AS authorOrcid,
  c.userId AS holderId
