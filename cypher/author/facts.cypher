// Every scalar fact a profile shows about each author, in one round trip: the counts (works, distinct topics
// of those works, distinct coauthors), the social side (claim, followers, whether the viewer follows) and
// the rest of the trust inputs (docs/trust.md). Loaded by one DataLoader that answers counts, social and trust.
// Parameters: $ids: [author id], $viewerId (null when anonymous).
// Returns: authorId, works, topics, coauthors, followers, viewerFollows, claimed, claimantId, invitePolicy,
//   hiddenFields, shownAffiliationId, claimMethod, openToCollaborate, orcid, affiliationKnown,
//   claimantVerified, claimantOrcid. One row per author found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)
  RETURN count(DISTINCT w) AS works
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN count(DISTINCT t) AS topics
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->()<-[:AUTHORED]-(b)
  WHERE b <> a
  RETURN count(DISTINCT b) AS coauthors
}
OPTIONAL MATCH (c:Claim {authorId: id})
OPTIONAL MATCH (u:User {id: c.userId})
RETURN id AS authorId,
  works,
  topics,
  coauthors,
  COUNT { (a)<-[:FOLLOWS]-(:User) } AS followers,
  ($viewerId IS NOT NULL AND EXISTS { (:User {id: $viewerId})-[:FOLLOWS]->(a) }) AS viewerFollows,
  c IS NOT NULL AS claimed,
  c.userId AS claimantId,
  c.invitePolicy AS invitePolicy,
  coalesce(c.hiddenFields, []) AS hiddenFields,
  c.shownAffiliationId AS shownAffiliationId,
  c.method AS claimMethod,
  coalesce(c.openToCollaborate, false) AS openToCollaborate,
  a.orcid AS orcid,
  EXISTS { (a)-[:LAST_KNOWN_AT]->(:Institution) } AS affiliationKnown,
  coalesce(u.emailVerified, false) AS claimantVerified,
  u.orcid AS claimantOrcid
