// Lock an invitation for the rest of the transaction, so two concurrent answers cannot both see it pending.
// Parameters: $id. Returns: nothing.
MATCH (i:Invitation {id: $id})
SET i._lock = true
REMOVE i._lock
