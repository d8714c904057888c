// The social side of authors, for the social DataLoader.
// Parameters: $ids: [author id], $viewerId (null when anonymous).
// Returns: authorId, claimed, followers, viewerFollows, openToCollaborate, claimantId, invitePolicy,
//   hiddenFields, shownAffiliationId, claimMethod. One row per author found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
OPTIONAL MATCH (c:Claim {authorId: id})
RETURN id AS authorId,
  c IS NOT NULL AS claimed,
  COUNT { (a)<-[:FOLLOWS]-(:User) } AS followers,
  ($viewerId IS NOT NULL AND EXISTS { (:User {id: $viewerId})-[:FOLLOWS]->(a) }) AS viewerFollows,
  coalesce(c.openToCollaborate, false) AS openToCollaborate,
  c.userId AS claimantId,
  c.invitePolicy AS invitePolicy,
  coalesce(c.hiddenFields, []) AS hiddenFields,
  c.shownAffiliationId AS shownAffiliationId,
  c.method AS claimMethod
