// The highest internal node and relationship ids (the fingerprint walks ids up to them, chunk by chunk).
// Parameters: none. Returns: maxNode, maxRelationship (null when there are none).
CALL () { MATCH (n) RETURN max(id(n)) AS maxNode }
CALL () { MATCH ()-[r]->() RETURN max(id(r)) AS maxRelationship }
RETURN maxNode, maxRelationship
