// A user's received invitations, newest first, one page.
// Parameters: $userId, $skip, $limit. Returns: total, invitations (list of maps).
OPTIONAL MATCH (s:User)-[:SENT]->(i:Invitation)-[:TO]->(r:User {id: $userId})
WITH s, i, r ORDER BY i.createdAt DESC, i.id
WITH collect(i {.*, senderId: s.id, senderName: s.displayName, recipientId: r.id, recipientName: r.displayName})
  AS items
RETURN size(items) AS total, items[$skip..$skip + $limit] AS invitations
