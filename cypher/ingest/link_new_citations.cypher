// CITES for works written since the last pass: they hold no outgoing CITES (a new work has none, an updated
// one lost them with its other links, and a pass sets externalReferenceCount in the same transaction as the
// CITES it creates), so CREATE is safe; referencedWorkIds are distinct (ingest/records.py). Also the count of
// references that point outside the graph.
// A reference to a merged id cites its survivor (docs/graph-model.md#merged-ids), unless that is the work itself.
// Parameters: $ids: [work id]. Returns: nothing.
CYPHER replan=skip
UNWIND $ids AS id
MATCH (w:Work {id: id})
WHERE w.externalReferenceCount IS NULL
CALL (w) {
  UNWIND coalesce(w.referencedWorkIds, []) AS refId
  OPTIONAL MATCH (merged:MergedId {id: refId})
  WITH w, merged, coalesce(merged.intoId, refId) AS citedId
  MATCH (cited:Work {id: citedId})
  WHERE merged IS NULL OR cited <> w
  WITH DISTINCT w, cited
  CREATE (w)-[:CITES]->(cited)
  RETURN count(cited) AS linked
}
SET w.externalReferenceCount = size(coalesce(w.referencedWorkIds, [])) - linked
