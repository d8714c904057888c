// Works with references to works outside the graph (some may have arrived since they were linked).
// Parameters: none. Returns: id.
MATCH (w:Work)
WHERE w.externalReferenceCount IS NULL OR w.externalReferenceCount > 0
RETURN w.id AS id
