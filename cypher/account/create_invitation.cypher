// Store an invitation (the message is plain text, as sent).
// Parameters: $id, $senderId, $recipientId, $fromAuthorId, $toAuthorId, $message, $now (ISO).
// Returns: invitation (map).
MATCH (s:User {id: $senderId})
MATCH (r:User {id: $recipientId})
CREATE (s)-[:SENT]->(i:Invitation {
  id: $id,
  fromAuthorId: $fromAuthorId,
  toAuthorId: $toAuthorId,
  message: $message,
  status: 'PENDING',
  createdAt: $now,
  respondedAt: null
})-[:TO]->(r)
RETURN i {.*, senderId: s.id, senderName: s.displayName, recipientId: r.id, recipientName: r.displayName}
  AS invitation
