// One invitation by id, only when the viewer is its sender or its recipient.
// Parameters: $id, $viewerId. Returns: invitation (map); no row otherwise.
MATCH (s:User)-[:SENT]->(i:Invitation {id: $id})-[:TO]->(r:User)
WHERE $viewerId IN [s.id, r.id]
RETURN i {.*, senderId: s.id, senderName: s.displayName, recipientId: r.id, recipientName: r.displayName}
  AS invitation
