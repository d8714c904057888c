// Merged ids that are in the graph again as nodes (a record or an authorship that still names the old id, read
// after the merge): they are folded into their survivors once more at the end of an import.
// Parameters: $kind ('author' | 'work'). Returns: old, into.
MATCH (m:MergedId {kind: $kind})
WHERE CASE $kind
  WHEN 'author' THEN EXISTS { MATCH (:Author {id: m.id}) }
  ELSE EXISTS { MATCH (:Work {id: m.id}) }
END
RETURN m.id AS old, m.intoId AS into
