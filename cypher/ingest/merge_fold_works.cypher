// Fold merged works into their survivors: works citing the old work cite the survivor instead (no duplicates,
// no work citing itself), the survivor lists the old id in `mergedIds`, the old node is deleted with what its
// record owned (its authorships, topics, venue, references: the survivor's record says its own). A survivor not
// in the graph yet: the old node becomes it (its id changed; its record's date and hash cleared, so the
// survivor's own record, when it comes, replaces what it says).
// The survivor is the one the old id's `MergedId` points at (recorded first: cypher/ingest/merge_record.cypher).
// Parameters: $ids: [old work id]. Returns: nothing.
UNWIND $ids AS id
MATCH (old:Work {id: id})
MATCH (m:MergedId {id: id})
OPTIONAL MATCH (new:Work {id: m.intoId})
CALL (old, new, m) {
  WITH old, m WHERE new IS NULL
  SET old.mergedIds = COLLECT {
      UNWIND coalesce(old.mergedIds, []) + [old.id] AS merged
      RETURN DISTINCT merged ORDER BY merged
    },
    old.id = m.intoId, old.updatedDate = null, old.sourceHash = null
}
CALL (old, new) {
  WITH old, new WHERE new IS NOT NULL
  CALL (old, new) {
    MATCH (citing:Work)-[c:CITES]->(old)
    WHERE citing <> new AND NOT EXISTS { (citing)-[:CITES]->(new) }
    CREATE (citing)-[:CITES]->(new)
  }
  SET new.mergedIds = COLLECT {
    UNWIND coalesce(new.mergedIds, []) + [old.id] + coalesce(old.mergedIds, []) AS merged
    RETURN DISTINCT merged ORDER BY merged
  }
  DETACH DELETE old
}
