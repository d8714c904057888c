// CITES relationships for the references of the given works whose target work is in the graph, and the
// count of references that point outside the graph.
// Parameters: $ids: [work id]. Returns: nothing.
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  UNWIND coalesce(w.referencedWorkIds, []) AS refId
  OPTIONAL MATCH (cited:Work {id: refId})
  FOREACH (c IN CASE WHEN cited IS NULL THEN [] ELSE [cited] END | MERGE (w)-[:CITES]->(c))
  RETURN count(cited) AS linked
}
SET w.externalReferenceCount = size(coalesce(w.referencedWorkIds, [])) - linked
