// Topics of works with their score (stub topics when no full topic record is known; a stub keeps what the newest
// work naming it says: `seen` is "updatedDate|work id|content hash", compared under the node's write lock,
// taken by setting `_lock`).
// Parameters: $rows: [{workId, id, name, score, subfield, field, domain, seen}], in topic id order.
// Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.name = row.name, t.subfield = row.subfield, t.field = row.field, t.domain = row.domain,
  t.isStub = true, t.stubSeen = row.seen
ON MATCH SET t._lock = true
SET t += CASE
  WHEN t.isStub AND row.seen > coalesce(t.stubSeen, '')
    THEN {name: row.name, subfield: row.subfield, field: row.field, domain: row.domain, stubSeen: row.seen}
  ELSE {}
END
REMOVE t._lock
WITH t, row
MATCH (w:Work {id: row.workId})
CREATE (w)-[:HAS_TOPIC {score: row.score}]->(t)
