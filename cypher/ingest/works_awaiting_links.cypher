// Works written since references were last linked (writing a work clears its externalReferenceCount).
// Parameters: none. Returns: id.
MATCH (w:Work)
WHERE w.externalReferenceCount IS NULL
RETURN w.id AS id
