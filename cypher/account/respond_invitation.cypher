// The recipient answers a pending invitation.
// Parameters: $id, $recipientId, $status ('ACCEPTED' | 'DECLINED'), $now (ISO). Returns: invitation.
MATCH (s:User)-[:SENT]->(i:Invitation {id: $id, status: 'PENDING'})-[:TO]->(r:User {id: $recipientId})
SET i.status = $status, i.respondedAt = $now
RETURN i {.*, senderId: s.id, senderName: s.displayName, recipientId: r.id, recipientName: r.displayName}
  AS invitation
