// Every scalar fact a profile shows about each author, in one round trip: the counts (works, distinct topics
// of those works, distinct coauthors), the social side (claim, followers, whether the viewer follows) and
// the rest of the trust inputs (docs/trust.md). Loaded by one DataLoader that answers counts, social and trust.
// As the viewer may see them (docs/privacy.md): `hidden` lists the fields the claimant hides from $viewer; a
// hidden count is 0, a hidden ORCID iD null, a hidden affiliation unknown (and its shown institution null).
// The claim's own settings (claimantId, invitePolicy, hiddenFields) are for the permission checks and the
// claimant's settings page, never shown to others.
// Parameters: $ids: [author id], $viewer: {id, admin}.
// Returns: authorId, works, topics, coauthors, followers, viewerFollows, claimed, claimantId, invitePolicy,
//   hiddenFields, hidden, shownAffiliationId, claimMethod, openToCollaborate, orcid, affiliationKnown,
//   claimantVerified, claimantOrcid. One row per author found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)
  RETURN count(DISTINCT w) AS works
}
CALL (a, hidden) {
  WITH a WHERE NOT 'TOPICS' IN hidden
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN count(DISTINCT t) AS topics
}
CALL (a, hidden) {
  WITH a WHERE NOT 'COLLABORATORS' IN hidden
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
  ($viewer.id IS NOT NULL AND EXISTS { (:User {id: $viewer.id})-[:FOLLOWS]->(a) }) AS viewerFollows,
  c IS NOT NULL AS claimed,
  c.userId AS claimantId,
  c.invitePolicy AS invitePolicy,
  coalesce(c.hiddenFields, []) AS hiddenFields,
  hidden,
  CASE WHEN 'AFFILIATION' IN hidden THEN null ELSE c.shownAffiliationId END AS shownAffiliationId,
  c.method AS claimMethod,
  coalesce(c.openToCollaborate, false) AS openToCollaborate,
  CASE WHEN 'ORCID' IN hidden THEN null ELSE a.orcid END AS orcid,
  (NOT 'AFFILIATION' IN hidden AND EXISTS { (a)-[:LAST_KNOWN_AT]->(:Institution) }) AS affiliationKnown,
  coalesce(u.emailVerified, false) AS claimantVerified,
  u.orcid AS claimantOrcid
