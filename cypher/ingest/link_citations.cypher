// CITES for the references of the given works whose target work is in the graph (MERGE: safe to repeat),
// and the count of references that point outside the graph.
// A reference to a merged id cites its survivor (docs/graph-model.md#merged-ids), unless that is the work itself.
// Parameters: $ids: [work id]. Returns: nothing.
CYPHER replan=skip
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  UNWIND coalesce(w.referencedWorkIds, []) AS refId
  OPTIONAL MATCH (merged:MergedId {id: refId})
  WITH w, merged, coalesce(merged.intoId, refId) AS citedId
  MATCH (cited:Work {id: citedId})
  WHERE merged IS NULL OR cited <> w
  MERGE (w)-[:CITES]->(cited)
  RETURN count(cited) AS linked
}
SET w.externalReferenceCount = size(coalesce(w.referencedWorkIds, [])) - linked
