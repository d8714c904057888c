// Works whose references may point at works that have arrived since they were linked.
// Parameters: none. Returns: id.
MATCH (w:Work)
WHERE w.externalReferenceCount IS NULL OR w.externalReferenceCount > 0
RETURN w.id AS id
