// What sending an invitation depends on: the sender's claim, the recipient author's claim and settings,
// a block, an open invitation between the two.
// The sender's node is locked first, so one sender's concurrent sends are serialized (no duplicate pending).
// Parameters: $senderId, $authorId. Returns: senderAuthorId, authorExists, recipientId, openToCollaborate,
//   invitePolicy, blocked, pending.
MATCH (s:User {id: $senderId})
SET s._lock = true
REMOVE s._lock
WITH s
OPTIONAL MATCH (s)-[:HOLDS]->(sc:Claim)
WITH s, min(sc.authorId) AS senderAuthorId
OPTIONAL MATCH (a:Author {id: $authorId})
OPTIONAL MATCH (rc:Claim {authorId: $authorId})
OPTIONAL MATCH (r:User {id: rc.userId})
RETURN senderAuthorId,
  a IS NOT NULL AS authorExists,
  r.id AS recipientId,
  coalesce(rc.openToCollaborate, false) AS openToCollaborate,
  rc.invitePolicy AS invitePolicy,
  r IS NOT NULL AND EXISTS { (r)-[:BLOCKED]->(s) } AS blocked,
  r IS NOT NULL AND EXISTS {
    (s)-[:SENT]->(i:Invitation {status: 'PENDING'})-[:TO]->(r) WHERE i.toAuthorId = $authorId
  } AS pending
