// CITES for works written since the last pass: they hold no outgoing CITES (a new work has none, an updated
// one lost them with its other links, and a pass sets externalReferenceCount in the same transaction as the
// CITES it creates), so CREATE is safe; referencedWorkIds are distinct (ingest/records.py). Also the count of
// references that point outside the graph.
// Parameters: $ids: [work id]. Returns: nothing.
UNWIND $ids AS id
MATCH (w:Work {id: id})
WHERE w.externalReferenceCount IS NULL
CALL (w) {
  UNWIND coalesce(w.referencedWorkIds, []) AS refId
  MATCH (cited:Work {id: refId})
  CREATE (w)-[:CITES]->(cited)
  RETURN count(cited) AS linked
}
SET w.externalReferenceCount = size(coalesce(w.referencedWorkIds, [])) - linked
