// Works written since references were last linked (writing a work clears its externalReferenceCount).
// Parameters: none. Returns: ids (one list: a record per work would cost the driver ~60 µs each).
MATCH (w:Work)
WHERE w.externalReferenceCount IS NULL
RETURN collect(w.id) AS ids
