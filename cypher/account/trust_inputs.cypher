// What the trust score of authors is computed from, for the trust DataLoader (one round trip per batch).
// Parameters: $ids: [author id]. Returns: authorId, orcid, works, topics, coauthors, followers,
//   affiliationKnown, claimed, claimMethod, claimantVerified, claimantOrcid. One row per author found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN count(DISTINCT t) AS topics
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(b:Author)
  WHERE b <> a
  RETURN count(DISTINCT b) AS coauthors
}
OPTIONAL MATCH (c:Claim {authorId: id})
OPTIONAL MATCH (u:User {id: c.userId})
RETURN id AS authorId,
  a.orcid AS orcid,
  COUNT { (a)-[:AUTHORED]->(:Work) } AS works,
  topics,
  coauthors,
  COUNT { (a)<-[:FOLLOWS]-(:User) } AS followers,
  EXISTS { (a)-[:LAST_KNOWN_AT]->(:Institution) } AS affiliationKnown,
  c IS NOT NULL AS claimed,
  c.method AS claimMethod,
  coalesce(u.emailVerified, false) AS claimantVerified,
  u.orcid AS claimantOrcid
