// Whether works were created since references were last linked.
// Parameters: none. Returns: pending (boolean).
OPTIONAL MATCH (s:_ImportState {name: 'citations'})
RETURN coalesce(s.pending, false) AS pending
