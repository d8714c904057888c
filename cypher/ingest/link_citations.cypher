// CITES for the references of the given works whose target work is in the graph (MERGE: safe to repeat),
// and the count of references that point outside the graph.
// Parameters: $ids: [work id]. Returns: nothing.
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  UNWIND coalesce(w.referencedWorkIds, []) AS refId
  MATCH (cited:Work {id: refId})
  MERGE (w)-[:CITES]->(cited)
  RETURN count(cited) AS linked
}
SET w.externalReferenceCount = size(coalesce(w.referencedWorkIds, [])) - linked
